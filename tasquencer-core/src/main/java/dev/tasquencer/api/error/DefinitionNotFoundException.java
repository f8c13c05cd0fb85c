package dev.tasquencer.api.error;

import org.jspecify.annotations.Nullable;

/** No workflow definition is registered under this name and version. */
public class DefinitionNotFoundException extends EntityNotFoundException {
  private static final long serialVersionUID = 1L;

  public DefinitionNotFoundException(String name, @Nullable String version, String registered) {
    super(
        "workflow definition",
        name + (version == null ? "" : " " + version),
        "Register it with Tasquencer.builder().register(definition); registered: " + registered);
  }
}
