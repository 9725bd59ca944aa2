package onpre.lambda.runtime;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lambda's Java error shape: errorMessage, errorType (the class), stackTrace, and the cause. */
final class ErrorBody {
  private ErrorBody() {}

  /** The user's exception, not the reflection wrapper around it. */
  static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while (current instanceof InvocationTargetException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  static Map<String, Object> of(Throwable error) {
    return of(error, 0);
  }

  private static Map<String, Object> of(Throwable error, int depth) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("errorMessage", error.getMessage() == null ? "" : error.getMessage());
    body.put("errorType", error instanceof InitError init ? init.type : error.getClass().getName());
    body.put("stackTrace", frames(error));
    Throwable cause = error.getCause();
    if (cause != null && cause != error && depth < 8) body.put("cause", of(unwrap(cause), depth + 1));
    return body;
  }

  /** `class.method(File.java:line)` for the function's frames, up to where the runtime called it. */
  static List<String> frames(Throwable error) {
    List<String> frames = new ArrayList<>();
    for (StackTraceElement frame : error.getStackTrace()) {
      String type = frame.getClassName();
      if (type.startsWith("jdk.internal.reflect.")
          || type.startsWith("java.lang.reflect.")
          || type.startsWith("onpre.lambda.runtime.")) break;
      String where =
          frame.getFileName() == null
              ? "Unknown Source"
              : frame.getLineNumber() >= 0
                  ? frame.getFileName() + ":" + frame.getLineNumber()
                  : frame.getFileName();
      frames.add(type + "." + frame.getMethodName() + "(" + where + ")");
    }
    return frames;
  }

  /** An init failure with the error type Lambda's Java runtime reports for it. */
  static final class InitError extends Exception {
    final String type;

    InitError(String type, String message, Throwable cause) {
      super(message, cause);
      this.type = type;
      setStackTrace(new StackTraceElement[0]);
    }
  }
}
