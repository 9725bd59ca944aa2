package onpre.lambda.runtime;

import com.fasterxml.jackson.databind.JavaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import onpre.lambda.runtime.ErrorBody.InitError;

/**
 * Resolves `_HANDLER` as Lambda's Java runtime does: `package.Class` (a RequestHandler or
 * RequestStreamHandler) or `package.Class::method` (a public method taking (), (event),
 * (event, Context), (InputStream, OutputStream) or (InputStream, OutputStream, Context)).
 */
final class HandlerLoader {
  private static final String RUNTIME = "com.amazonaws.services.lambda.runtime.";

  /** Runs one invocation: the event's bytes in, the result's bytes out. */
  interface Handler {
    byte[] invoke(byte[] event, Object context) throws Throwable;
  }

  private HandlerLoader() {}

  static Handler load(String spec, UserClassPath classPath, Json json) throws Throwable {
    if (spec == null || spec.isBlank()) {
      throw new InitError("java.lang.IllegalArgumentException", "No handler is set (_HANDLER)", null);
    }
    int separator = spec.indexOf("::");
    String className = separator < 0 ? spec.trim() : spec.substring(0, separator).trim();
    String methodName = separator < 0 ? null : spec.substring(separator + 2).trim();
    ClassLoader loader = classPath.loader;
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      String broken = classPath.brokenJar();
      if (broken != null) throw new InitError("java.util.zip.ZipException", broken, null);
      throw new InitError("java.lang.ClassNotFoundException", "Class not found: " + className, null);
    }
    Class<?> context = loader.loadClass(RUNTIME + "Context");
    Class<?> requestHandler = loader.loadClass(RUNTIME + "RequestHandler");
    Class<?> streamHandler = loader.loadClass(RUNTIME + "RequestStreamHandler");
    String wanted = methodName == null ? "handleRequest" : methodName;
    Method method;
    JavaType input = null;
    if (methodName == null && streamHandler.isAssignableFrom(type)) {
      method = type.getMethod("handleRequest", InputStream.class, OutputStream.class, context);
    } else if (methodName == null && requestHandler.isAssignableFrom(type)) {
      method = interfaceMethod(type, context);
      // RequestHandler<I, O>: I as the class binds it, even through generic superclasses.
      JavaType[] bound = json.type(type).findTypeParameters(requestHandler);
      if (bound != null && bound.length == 2) input = bound[0];
    } else {
      method = namedMethod(type, wanted, context).orElse(null);
    }
    if (method == null) {
      throw new InitError(
          "java.lang.RuntimeException",
          "No public method named " + wanted + " with appropriate method signature found on class "
              + className,
          null);
    }
    Object target = Modifier.isStatic(method.getModifiers()) ? null : instantiate(type);
    method.setAccessible(true);
    return adapt(method, target, context, input, json);
  }

  private static Method interfaceMethod(Class<?> type, Class<?> context) {
    return Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2)
        .filter(m -> m.getParameterTypes()[1] == context)
        .min(Comparator.comparing(Method::isBridge))
        .orElse(null);
  }

  private static Optional<Method> namedMethod(Class<?> type, String name, Class<?> context) {
    return Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(name) && !m.isBridge() && shape(m, context) != null)
        .max(Comparator.comparingInt(Method::getParameterCount));
  }

  /** `stream` or `event` for a usable signature, else null. */
  private static String shape(Method method, Class<?> context) {
    Class<?>[] p = method.getParameterTypes();
    boolean stream = p.length >= 2 && p[0] == InputStream.class && p[1] == OutputStream.class;
    if (stream && (p.length == 2 || (p.length == 3 && p[2] == context))) return "stream";
    if (p.length == 0 || (p.length == 1 && p[0] != context)) return "event";
    if (p.length == 2 && p[1] == context) return "event";
    return null;
  }

  private static Object instantiate(Class<?> type) throws Throwable {
    Constructor<?> constructor = type.getDeclaredConstructor();
    constructor.setAccessible(true);
    try {
      return constructor.newInstance();
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Handler adapt(
      Method method, Object target, Class<?> context, JavaType bound, Json json) {
    Class<?>[] p = method.getParameterTypes();
    if ("stream".equals(shape(method, context)) || p.length == 3) {
      boolean withContext = p.length == 3;
      return (event, ctx) -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(event);
        if (withContext) method.invoke(target, in, out, ctx);
        else method.invoke(target, in, out);
        return out.toByteArray();
      };
    }
    JavaType input =
        p.length == 0 ? null : bound != null ? bound : json.type(method.getGenericParameterTypes()[0]);
    boolean withContext = p.length == 2;
    boolean returnsNothing = method.getReturnType() == void.class;
    return (event, ctx) -> {
      Object result;
      if (input == null) result = method.invoke(target);
      else {
        Object value = json.read(event, input);
        result = withContext ? method.invoke(target, value, ctx) : method.invoke(target, value);
      }
      return returnsNothing ? "null".getBytes() : json.write(result);
    };
  }
}
