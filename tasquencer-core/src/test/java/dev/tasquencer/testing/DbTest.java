package dev.tasquencer.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once on a fresh embedded H2 database and once on a fresh PostgreSQL database. The
 * test receives a {@link TestDatabase}. After each run the engine's invariants are checked on the
 * database.
 *
 * <p>PostgreSQL comes from {@code TASQUENCER_PG_URL} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). When it is unreachable the PostgreSQL run
 * is skipped, unless {@code TASQUENCER_REQUIRE_PG=true}, which turns that into a failure (CI).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(DatabaseExtension.class)
public @interface DbTest {}
