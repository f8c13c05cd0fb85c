package dev.tasquencer.testing;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Provides the H2 and PostgreSQL invocations of {@link DbTest} methods. */
public final class DatabaseExtension implements TestTemplateInvocationContextProvider {

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(DbTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    return Stream.of(invocation(TestDatabase.Kind.H2), invocation(TestDatabase.Kind.POSTGRES));
  }

  private static TestTemplateInvocationContext invocation(TestDatabase.Kind kind) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return "[" + kind.label() + "]";
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new Resolver(kind));
      }
    };
  }

  private static final class Resolver implements ParameterResolver, AfterTestExecutionCallback {
    private static final ExtensionContext.Namespace NS =
        ExtensionContext.Namespace.create(DatabaseExtension.class);
    private final TestDatabase.Kind kind;

    Resolver(TestDatabase.Kind kind) {
      this.kind = kind;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
      return p.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
      return c.getStore(NS)
          .computeIfAbsent(
              "db", k -> TestDatabase.create(kind, c.getDisplayName()), TestDatabase.class);
    }

    @Override
    public void afterTestExecution(ExtensionContext c) {
      TestDatabase db = c.getStore(NS).get("db", TestDatabase.class);
      if (db != null && c.getExecutionException().isEmpty()) {
        Invariants.check(db.dataSource());
      }
    }
  }
}
