# frozen_string_literal: true

require 'json'

class GreetingError < StandardError; end

# Handler app.handler: a top-level method called with event: and context:, as Lambda's Ruby runtime does.
def handler(event:, context:)
  name = event.dig('pathParameters', 'name')
  raise GreetingError, "cannot greet #{name}" if name == 'fail'

  sleep 8 if name == 'sleep'
  {
    statusCode: 200,
    headers: { 'content-type' => 'application/json' },
    body: JSON.generate(
      greeting: "hello #{name} from ruby #{RUBY_VERSION}",
      functionName: context.function_name,
      requestId: context.aws_request_id,
      apiRequestId: event.dig('requestContext', 'requestId'),
      path: event['path']
    )
  }
end
