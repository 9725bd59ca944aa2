// A custom-runtime function in Go with the standard library only: the Lambda Runtime API loop
// (next → response | error) written out, as a provided.al2023 bootstrap. With the aws-lambda-go
// library the same function is lambda.Start(handler); this example must build offline.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"time"
)

type event struct {
	Path           string            `json:"path"`
	PathParameters map[string]string `json:"pathParameters"`
	RequestContext struct {
		RequestID string `json:"requestId"`
	} `json:"requestContext"`
}

type response struct {
	StatusCode int               `json:"statusCode"`
	Headers    map[string]string `json:"headers"`
	Body       string            `json:"body"`
}

type lambdaError struct {
	ErrorMessage string `json:"errorMessage"`
	ErrorType    string `json:"errorType"`
}

var api = "http://" + os.Getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/"

func handle(in event, requestID string) (response, *lambdaError) {
	name := in.PathParameters["name"]
	switch name {
	case "fail":
		return response{}, &lambdaError{fmt.Sprintf("cannot greet %s", name), "GreetingError"}
	case "sleep":
		time.Sleep(8 * time.Second)
	}
	body, _ := json.Marshal(map[string]string{
		"greeting":     fmt.Sprintf("hello %s from go", name),
		"functionName": os.Getenv("AWS_LAMBDA_FUNCTION_NAME"),
		"requestId":    requestID,
		"apiRequestId": in.RequestContext.RequestID,
		"path":         in.Path,
	})
	return response{200, map[string]string{"content-type": "application/json"}, string(body)}, nil
}

func post(url string, value any, errorType string) {
	payload, _ := json.Marshal(value)
	request, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(payload))
	if errorType != "" {
		request.Header.Set("Lambda-Runtime-Function-Error-Type", errorType)
	}
	if answer, err := http.DefaultClient.Do(request); err == nil {
		answer.Body.Close()
	}
}

func main() {
	for {
		next, err := http.Get(api + "next")
		if err != nil {
			fmt.Fprintln(os.Stderr, "runtime API unreachable:", err)
			os.Exit(1)
		}
		var in event
		decodeErr := json.NewDecoder(next.Body).Decode(&in)
		next.Body.Close()
		requestID := next.Header.Get("Lambda-Runtime-Aws-Request-Id")
		if decodeErr != nil {
			post(api+requestID+"/error", lambdaError{decodeErr.Error(), "InvalidEvent"}, "InvalidEvent")
			continue
		}
		out, failure := handle(in, requestID)
		if failure != nil {
			post(api+requestID+"/error", failure, failure.ErrorType)
			continue
		}
		post(api+requestID+"/response", out, "")
	}
}
