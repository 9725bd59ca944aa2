package onpre.lambda.runtime;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import onpre.lambda.runtime.HandlerLoader.Handler;
import onpre.lambda.runtime.RuntimeApi.Invocation;

/**
 * Lambda runtime client for Java: loads the handler named by _HANDLER from the function's classpath
 * once, then serves invocations from the Runtime API. Log records go to stdout as JSON lines
 * `{level, message, requestId}`; the sandbox adds the rest.
 */
public final class Main {
  private static final PrintStream OUT = System.out;
  private static volatile String requestId;

  private Main() {}

  public static void main(String[] args) throws Exception {
    Json json = new Json();
    RuntimeApi api = new RuntimeApi(System.getenv("AWS_LAMBDA_RUNTIME_API"));
    BiConsumer<String, String> log = (level, message) -> emit(json, level, message);
    Handler handler;
    Constructor<?> contexts;
    try {
      String taskRoot = env("LAMBDA_TASK_ROOT", "/var/task");
      String runtimeDir = env("LAMBDA_RUNTIME_DIR", "/var/runtime");
      UserClassPath classPath =
          new UserClassPath(
              new File(taskRoot), new File("/opt/java"), new File(runtimeDir, "java/user"));
      Thread.currentThread().setContextClassLoader(classPath.loader);
      Class<?> bridge = classPath.loader.loadClass("onpre.lambda.bridge.RuntimeContext");
      bridge.getMethod("installRuntimeLogger", ClassLoader.class, BiConsumer.class)
          .invoke(null, classPath.loader, log);
      contexts = bridge.getConstructor(Map.class, BiConsumer.class);
      handler = HandlerLoader.load(System.getenv("_HANDLER"), classPath, json);
    } catch (Throwable failure) {
      Throwable error = ErrorBody.unwrap(failure);
      Map<String, Object> body = ErrorBody.of(error);
      emit(json, "ERROR", "Init error: " + json.text(body));
      api.failInit(json.write(body), (String) body.get("errorType"));
      System.exit(1);
      return;
    }
    while (true) serve(api, json, handler, contexts, log);
  }

  private static void serve(
      RuntimeApi api, Json json, Handler handler, Constructor<?> contexts, BiConsumer<String, String> log)
      throws Exception {
    Invocation invocation = api.next();
    requestId = invocation.requestId();
    if (invocation.traceId() != null) {
      System.setProperty("com.amazonaws.xray.traceHeader", invocation.traceId());
    }
    byte[] result;
    try {
      Object context = contexts.newInstance(contextFields(json, invocation), log);
      result = handler.invoke(invocation.event(), context);
    } catch (Throwable failure) {
      Throwable error = ErrorBody.unwrap(failure);
      Map<String, Object> body = ErrorBody.of(error);
      emit(json, "ERROR", json.text(body));
      api.fail(invocation.requestId(), json.write(body), (String) body.get("errorType"));
      if (error instanceof VirtualMachineError) System.exit(1);
      return;
    } finally {
      System.out.flush();
      System.err.flush();
    }
    api.respond(invocation.requestId(), result);
  }

  private static Map<String, Object> contextFields(Json json, Invocation invocation) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("awsRequestId", invocation.requestId());
    fields.put("deadlineMs", invocation.deadlineMs());
    fields.put("invokedFunctionArn", invocation.invokedFunctionArn());
    fields.put("xrayTraceId", invocation.traceId());
    fields.put("functionName", System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
    fields.put("functionVersion", System.getenv("AWS_LAMBDA_FUNCTION_VERSION"));
    fields.put("logGroupName", System.getenv("AWS_LAMBDA_LOG_GROUP_NAME"));
    fields.put("logStreamName", System.getenv("AWS_LAMBDA_LOG_STREAM_NAME"));
    fields.put("memoryLimitInMB", Integer.parseInt(env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")));
    fields.put("clientContext", json.object(invocation.clientContext()));
    fields.put("identity", json.object(invocation.cognitoIdentity()));
    return fields;
  }

  private static void emit(Json json, String level, String message) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("level", level);
    record.put("message", message);
    if (requestId != null) record.put("requestId", requestId);
    synchronized (OUT) {
      OUT.println(json.text(record));
      OUT.flush();
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
