package onpre.lambda.bridge;

import com.amazonaws.services.lambda.runtime.ClientContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** context.getClientContext() from the invoke's client context JSON (client, custom, env). */
final class Client implements ClientContext {
  private final Map<String, Object> values;

  Client(Map<String, Object> values) {
    this.values = values;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(String key) {
    Object value = values.get(key);
    return value instanceof Map ? (Map<String, Object>) value : Collections.emptyMap();
  }

  private static Map<String, String> strings(Map<String, Object> map) {
    Map<String, String> result = new LinkedHashMap<>();
    map.forEach((key, value) -> result.put(key, value == null ? null : value.toString()));
    return result;
  }

  public com.amazonaws.services.lambda.runtime.Client getClient() {
    Map<String, Object> client = object("client");
    return new com.amazonaws.services.lambda.runtime.Client() {
      private String text(String key) {
        Object value = client.get(key);
        return value == null ? null : value.toString();
      }

      public String getInstallationId() {
        return text("installation_id");
      }

      public String getAppTitle() {
        return text("app_title");
      }

      public String getAppVersionName() {
        return text("app_version_name");
      }

      public String getAppVersionCode() {
        return text("app_version_code");
      }

      public String getAppPackageName() {
        return text("app_package_name");
      }
    };
  }

  public Map<String, String> getCustom() {
    return strings(object("custom"));
  }

  public Map<String, String> getEnvironment() {
    return strings(object("env"));
  }
}
