package dev.tasquencer.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.identity.ScopeCatalog;
import dev.tasquencer.api.identity.ScopeModule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scope modules, their catalogue, and the wildcard rule, without a database. */
class ScopeCatalogTest {
  static final ScopeModule EXPENSE =
      ScopeModule.of("expense", "Expense claims")
          .scope("submit", "Submit a claim")
          .scope("approve", "Approve a claim")
          .module(ScopeModule.of("payment", "Payments").scope("run", "Pay a claim"));
  static final ScopeModule EXPENSES =
      ScopeModule.of("expenses", "A module whose name extends another's").scope("x", "x");

  @Test
  void modulesFlattenIntoFullNames() {
    ScopeCatalog catalog = ScopeCatalog.of(List.of(EXPENSE, EXPENSES));
    assertThat(catalog.scopes().keySet())
        .containsExactly("expense:approve", "expense:payment:run", "expense:submit", "expenses:x");
    assertThat(catalog.modules()).containsExactly("expense", "expense:payment", "expenses");
    assertThat(catalog.scope("expense:payment:run").orElseThrow().module())
        .isEqualTo("expense:payment");
    assertThat(catalog.scope("expense:approve").orElseThrow().description())
        .isEqualTo("Approve a claim");
  }

  @Test
  void aModuleGrantCoversItsScopesAndNestedModulesButNoOtherModule() {
    assertThat(ScopeCatalog.matches("expense:*", "expense:approve")).isTrue();
    assertThat(ScopeCatalog.matches("expense:*", "expense:payment:run")).isTrue();
    assertThat(ScopeCatalog.matches("expense:payment:*", "expense:payment:run")).isTrue();
    assertThat(ScopeCatalog.matches("*", "expenses:x")).isTrue();
    assertThat(ScopeCatalog.matches("expense:approve", "expense:approve")).isTrue();

    assertThat(ScopeCatalog.matches("expense:*", "expenses:x")).isFalse();
    assertThat(ScopeCatalog.matches("expense:*", "expense")).isFalse();
    assertThat(ScopeCatalog.matches("expense:payment:*", "expense:approve")).isFalse();
    assertThat(ScopeCatalog.matches("expense:approve", "expense:approve2")).isFalse();
    assertThat(ScopeCatalog.matches("expense:app*", "expense:approve")).isFalse();
    assertThat(ScopeCatalog.matches("*:approve", "expense:approve")).isFalse();
    assertThat(ScopeCatalog.matches("expense", "expense:approve")).isFalse();

    assertThat(ScopeCatalog.grantsCovering("er:triage:write"))
        .containsExactly("er:triage:write", "er:triage:*", "er:*", "*");
    assertThat(ScopeCatalog.covers(Set.of("expense:submit", "er:*"), "er:triage:write")).isTrue();
    assertThat(ScopeCatalog.covers(Set.of("expense:submit"), "expense:approve")).isFalse();
  }

  @Test
  void onlyDeclaredScopesModuleWildcardsAndTheStarAreGrantable() {
    ScopeCatalog catalog = ScopeCatalog.of(List.of(EXPENSE, EXPENSES));
    assertThat(catalog.isGrantable("expense:approve")).isTrue();
    assertThat(catalog.isGrantable("expense:*")).isTrue();
    assertThat(catalog.isGrantable("expense:payment:*")).isTrue();
    assertThat(catalog.isGrantable("*")).isTrue();

    assertThat(catalog.isGrantable("expense:delete")).isFalse();
    assertThat(catalog.isGrantable("expense")).isFalse();
    assertThat(catalog.isGrantable("expens:*")).isFalse();
    assertThat(catalog.isGrantable("expense:app*")).isFalse();
    assertThat(catalog.isGrantable("*:approve")).isFalse();
    assertThat(catalog.isGrantable("expense:payment:run:*")).isFalse();
  }

  @Test
  void badNamesAndDuplicatesAreRefusedWhereTheyAreWritten() {
    assertThatThrownBy(() -> ScopeModule.of("exp:ense", "d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("':' separates modules");
    assertThatThrownBy(() -> EXPENSE.scope("a*", "d")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EXPENSE.scope("submit", "again"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already declares the scope 'submit'");
    assertThatThrownBy(() -> EXPENSE.module(ScopeModule.of("payment", "again")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScopeCatalog.of(List.of(EXPENSE, ScopeModule.of("expense", "2"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two scope modules are named 'expense'");
  }
}
