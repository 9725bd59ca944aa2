package onpre.lambda.bridge;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The handler's Context. Loaded by the function's class loader, so it implements the
 * aws-lambda-java-core interfaces the function compiled against (its own bundled jar, or ours); the
 * runtime builds it from plain JDK values.
 */
public final class RuntimeContext implements Context {
  private final Map<String, Object> fields;
  private final long deadlineMs;
  private final LambdaLogger logger;
  private final CognitoIdentity identity;
  private final ClientContext clientContext;

  @SuppressWarnings("unchecked")
  public RuntimeContext(Map<String, Object> fields, BiConsumer<String, String> log) {
    this.fields = fields;
    this.deadlineMs = ((Number) fields.get("deadlineMs")).longValue();
    this.logger = new RuntimeLogger(log);
    Object identity = fields.get("identity");
    this.identity = identity == null ? null : new Identity((Map<String, Object>) identity);
    Object client = fields.get("clientContext");
    this.clientContext = client == null ? null : new Client((Map<String, Object>) client);
  }

  /** Sets LambdaRuntime's logger (whichever aws-lambda-java-core the function sees), if it has one. */
  public static void installRuntimeLogger(ClassLoader loader, BiConsumer<String, String> log) {
    try {
      java.lang.reflect.Field field =
          Class.forName("com.amazonaws.services.lambda.runtime.LambdaRuntime", true, loader)
              .getDeclaredField("logger");
      field.setAccessible(true);
      field.set(null, new RuntimeLogger(log));
    } catch (ReflectiveOperationException | RuntimeException notThere) {
      // an aws-lambda-java-core without LambdaRuntime: nothing to set
    }
  }

  private String text(String key) {
    Object value = fields.get(key);
    return value == null ? null : value.toString();
  }

  public String getAwsRequestId() {
    return text("awsRequestId");
  }

  public String getLogGroupName() {
    return text("logGroupName");
  }

  public String getLogStreamName() {
    return text("logStreamName");
  }

  public String getFunctionName() {
    return text("functionName");
  }

  public String getFunctionVersion() {
    return text("functionVersion");
  }

  public String getInvokedFunctionArn() {
    return text("invokedFunctionArn");
  }

  public CognitoIdentity getIdentity() {
    return identity;
  }

  public ClientContext getClientContext() {
    return clientContext;
  }

  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadlineMs - System.currentTimeMillis());
  }

  public int getMemoryLimitInMB() {
    return ((Number) fields.get("memoryLimitInMB")).intValue();
  }

  public LambdaLogger getLogger() {
    return logger;
  }

  /** Newer aws-lambda-java-core versions declare it; harmless for older ones. */
  public String getXrayTraceId() {
    return text("xrayTraceId");
  }

  @Override
  public String toString() {
    return "Context{awsRequestId=" + getAwsRequestId() + ", functionName=" + getFunctionName() + "}";
  }
}
