package com.amazonaws.services.lambda.runtime;

/** A handler whose event is mapped to {@code I} and whose result {@code O} is serialized as JSON. */
public interface RequestHandler<I, O> {
  O handleRequest(I input, Context context);
}
