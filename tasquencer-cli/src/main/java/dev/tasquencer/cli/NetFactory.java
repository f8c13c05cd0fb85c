package dev.tasquencer.cli;

import dev.tasquencer.builder.WorkflowDefinition;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code graph --class FQCN[#METHOD]}: finds a public static method without parameters that returns
 * a {@link WorkflowDefinition} and calls it. A reference that cannot work (no such class or method,
 * not static, not public, parameters, another return type) is an invalid argument; a factory that
 * throws or returns null is an error.
 */
final class NetFactory {
  private final CommandLine commandLine;
  private final String className;
  private final @Nullable String methodName; // null: find the factory

  private NetFactory(CommandLine commandLine, String className, @Nullable String methodName) {
    this.commandLine = commandLine;
    this.className = className;
    this.methodName = methodName;
  }

  /** Parses {@code FQCN} or {@code FQCN#METHOD}. */
  static NetFactory parse(CommandLine commandLine, String reference) {
    int hash = reference.indexOf('#');
    String cls = hash < 0 ? reference : reference.substring(0, hash);
    String method = hash < 0 ? null : reference.substring(hash + 1);
    if (cls.isBlank() || (method != null && (method.isBlank() || method.contains("#")))) {
      throw new ParameterException(
          commandLine,
          "--class must be FQCN or FQCN#METHOD (for example com.acme.Flows#order), was '"
              + reference
              + "'");
    }
    return new NetFactory(commandLine, cls, method);
  }

  /** Loads the class from {@code loader}, finds the factory and calls it. */
  WorkflowDefinition call(ClassLoader loader) {
    Method factory = find(load(loader));
    String name = className + "#" + factory.getName() + "()";
    Object definition;
    try {
      factory.trySetAccessible(); // a public method of a class that is not public
      definition = factory.invoke(null);
    } catch (InvocationTargetException e) {
      throw new CliException(
          name + " failed: " + Errors.describe(e.getCause() == null ? e : e.getCause()));
    } catch (IllegalAccessException e) {
      throw new CliException("cannot call " + name + ": " + e.getMessage());
    } catch (LinkageError e) {
      throw new CliException(name + " failed: " + describe(e));
    }
    if (definition == null) {
      throw new CliException(name + " returned null instead of a WorkflowDefinition");
    }
    return (WorkflowDefinition) definition;
  }

  private Class<?> load(ClassLoader loader) {
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new ParameterException(
          commandLine,
          "class '"
              + className
              + "' is not on the class path: give the directories or jars that hold your classes"
              + " (and the libraries they use) with --classpath");
    } catch (LinkageError e) {
      throw new CliException("cannot load class " + className + ": " + describe(e));
    }
  }

  private Method find(Class<?> type) {
    Set<Method> methods = new LinkedHashSet<>();
    try {
      methods.addAll(Arrays.asList(type.getMethods()));
      methods.addAll(Arrays.asList(type.getDeclaredMethods()));
    } catch (LinkageError e) {
      throw new CliException("cannot read the methods of " + className + ": " + describe(e));
    }
    methods.removeIf(m -> m.isSynthetic() || m.isBridge());
    List<String> factories =
        methods.stream()
            .filter(NetFactory::isFactory)
            .map(Method::getName)
            .sorted()
            .distinct()
            .toList();
    if (methodName == null) {
      if (factories.size() == 1) {
        return methods.stream().filter(NetFactory::isFactory).findFirst().orElseThrow();
      }
      throw new ParameterException(
          commandLine,
          factories.isEmpty()
              ? "class "
                  + className
                  + " has no public static method without parameters that returns a"
                  + " WorkflowDefinition: write one, or name the method with --class "
                  + className
                  + "#METHOD"
              : "class "
                  + className
                  + " has several methods that return a WorkflowDefinition ("
                  + String.join(", ", factories)
                  + "): choose one with --class "
                  + className
                  + "#"
                  + factories.get(0));
    }
    List<Method> named = methods.stream().filter(m -> m.getName().equals(methodName)).toList();
    String name = className + "#" + methodName;
    if (named.isEmpty()) {
      throw new ParameterException(
          commandLine,
          "class "
              + className
              + " has no method '"
              + methodName
              + "'"
              + (factories.isEmpty()
                  ? "; it has no public static method without parameters that returns a"
                      + " WorkflowDefinition"
                  : "; its methods that return a WorkflowDefinition: "
                      + String.join(", ", factories)));
    }
    Method method =
        named.stream()
            .filter(m -> m.getParameterCount() == 0)
            .findFirst()
            .orElseThrow(
                () ->
                    new ParameterException(
                        commandLine,
                        name
                            + " takes parameters "
                            + named.stream()
                                .map(NetFactory::parameters)
                                .collect(Collectors.joining(", "))
                            + "; graph calls the method without arguments: add a public static"
                            + " method without parameters that returns the definition"));
    if (!Modifier.isStatic(method.getModifiers())) {
      throw new ParameterException(
          commandLine,
          name + "() is not static: graph calls it without an instance; make it static");
    }
    if (!Modifier.isPublic(method.getModifiers())) {
      throw new ParameterException(commandLine, name + "() is not public: make it public");
    }
    if (!WorkflowDefinition.class.isAssignableFrom(method.getReturnType())) {
      throw new ParameterException(
          commandLine,
          name
              + "() returns "
              + method.getReturnType().getName()
              + ", not a "
              + WorkflowDefinition.class.getName()
              + " (what Builder.workflow(...).build() returns)");
    }
    return method;
  }

  private static boolean isFactory(Method m) {
    int mod = m.getModifiers();
    return Modifier.isStatic(mod)
        && Modifier.isPublic(mod)
        && m.getParameterCount() == 0
        && WorkflowDefinition.class.isAssignableFrom(m.getReturnType());
  }

  private static String parameters(Method m) {
    return Arrays.stream(m.getParameterTypes())
        .map(Class::getName)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** A class that failed to load or initialize, with what it needs or what it threw. */
  private static String describe(LinkageError e) {
    if (e instanceof NoClassDefFoundError) {
      return "it needs the class "
          + e.getMessage()
          + ", which is not on the class path (add it with --classpath)";
    }
    return Errors.describe(e.getCause() == null ? e : e.getCause());
  }
}
