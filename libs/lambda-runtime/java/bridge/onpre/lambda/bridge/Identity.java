package onpre.lambda.bridge;

import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import java.util.Map;

/** context.getIdentity() from the invoke's Cognito identity (cognitoIdentityId / PoolId). */
final class Identity implements CognitoIdentity {
  private final Map<String, Object> values;

  Identity(Map<String, Object> values) {
    this.values = values;
  }

  private String text(String... keys) {
    for (String key : keys) if (values.get(key) != null) return values.get(key).toString();
    return null;
  }

  public String getIdentityId() {
    return text("cognitoIdentityId", "identityId");
  }

  public String getIdentityPoolId() {
    return text("cognitoIdentityPoolId", "identityPoolId");
  }
}
