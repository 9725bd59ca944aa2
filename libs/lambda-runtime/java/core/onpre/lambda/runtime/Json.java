package onpre.lambda.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/** POJO mapping as Lambda's Java runtime does it: unknown properties ignored, nulls left out. */
final class Json {
  final ObjectMapper mapper =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  JavaType type(Type type) {
    return mapper.getTypeFactory().constructType(type);
  }

  Object read(byte[] json, JavaType type) throws IOException {
    return mapper.readValue(json, type);
  }

  byte[] write(Object value) throws JsonProcessingException {
    return mapper.writeValueAsBytes(value);
  }

  String text(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (IOException e) {
      return "{\"level\":\"ERROR\",\"message\":\"unserializable log record\"}";
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> object(String json) {
    if (json == null || json.isEmpty()) return null;
    try {
      Object value = mapper.readValue(json, Object.class);
      return value instanceof Map ? (Map<String, Object>) value : null;
    } catch (IOException e) {
      return null;
    }
  }
}
