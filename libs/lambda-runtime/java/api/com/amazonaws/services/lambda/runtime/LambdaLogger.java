package com.amazonaws.services.lambda.runtime;

/** Writes one log record per call to the function's log. */
public interface LambdaLogger {
  void log(String message);

  void log(byte[] message);
}
