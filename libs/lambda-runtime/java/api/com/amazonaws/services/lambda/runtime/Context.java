package com.amazonaws.services.lambda.runtime;

/** The invocation's context (the aws-lambda-java-core interface, for functions that do not bundle it). */
public interface Context {
  String getAwsRequestId();

  String getLogGroupName();

  String getLogStreamName();

  String getFunctionName();

  String getFunctionVersion();

  String getInvokedFunctionArn();

  CognitoIdentity getIdentity();

  ClientContext getClientContext();

  int getRemainingTimeInMillis();

  int getMemoryLimitInMB();

  LambdaLogger getLogger();
}
