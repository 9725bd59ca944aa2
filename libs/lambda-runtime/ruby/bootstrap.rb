# frozen_string_literal: true

# Lambda runtime client for Ruby (standard library only).
#
# Loads the handler named by _HANDLER once -- `file.method` (a method defined at the top level of
# LAMBDA_TASK_ROOT/file.rb) or `file.Module::Class.method` (a class or module method) -- then serves
# invocations from the Runtime API at AWS_LAMBDA_RUNTIME_API, calling the handler with the keyword
# arguments `event:` and `context:` as Lambda's Ruby runtimes do. Errors are reported as
# `Function<ErrorClass>` (`Init<ErrorClass>` while loading) with the backtrace. Output goes to stdout
# as JSON lines `{level, message, requestId}`; the sandbox adds the rest.
require 'json'
require 'net/http'

module OnpreLambda
  API_PREFIX = '/2018-06-01/runtime'

  # Where log records go: the real stdout, one JSON object per line, tagged with the request.
  module Log
    @out = $stdout.dup
    @out.sync = true
    @request_id = nil
    class << self
      attr_accessor :request_id

      def emit(level, message)
        record = { level: level, message: message }
        record[:requestId] = request_id if request_id
        @out.write("#{JSON.generate(record)}\n")
      end
    end
  end

  # Replaces $stdout and $stderr: every complete line becomes one log record.
  class LineWriter
    def initialize(level)
      @level = level
      @pending = +''
    end

    def write(*parts)
      text = parts.join
      @pending << text
      while (index = @pending.index("\n"))
        Log.emit(@level, @pending.slice!(0, index + 1).chomp)
      end
      text.bytesize
    end

    def <<(text)
      write(text)
      self
    end

    def flush
      Log.emit(@level, @pending.slice!(0, @pending.length)) unless @pending.empty?
      self
    end

    # Logger.new($stdout) takes an object with write and close as an IO (else as a file name).
    def close = nil
    def closed? = false
    def sync = true
    def sync=(_value); end
    def tty? = false
    alias isatty tty?
    def fileno = nil
  end

  # The context object, with the fields and methods Lambda's Ruby runtime gives handlers.
  class Context
    attr_reader :aws_request_id, :invoked_function_arn, :function_name, :function_version,
                :memory_limit_in_mb, :log_group_name, :log_stream_name, :deadline_ms,
                :identity, :client_context

    def initialize(headers)
      @aws_request_id = headers['lambda-runtime-aws-request-id']
      @invoked_function_arn = headers['lambda-runtime-invoked-function-arn']
      @deadline_ms = headers['lambda-runtime-deadline-ms'].to_i
      @identity = OnpreLambda.parse_json(headers['lambda-runtime-cognito-identity'])
      @client_context = OnpreLambda.parse_json(headers['lambda-runtime-client-context'])
      @function_name = ENV.fetch('AWS_LAMBDA_FUNCTION_NAME', '')
      @function_version = ENV.fetch('AWS_LAMBDA_FUNCTION_VERSION', '$LATEST')
      @memory_limit_in_mb = ENV.fetch('AWS_LAMBDA_FUNCTION_MEMORY_SIZE', '128')
      @log_group_name = ENV.fetch('AWS_LAMBDA_LOG_GROUP_NAME', '')
      @log_stream_name = ENV.fetch('AWS_LAMBDA_LOG_STREAM_NAME', '')
    end

    def get_remaining_time_in_millis
      [@deadline_ms - (Process.clock_gettime(Process::CLOCK_REALTIME, :millisecond)), 0].max
    end
  end

  def self.parse_json(text)
    text.nil? || text.empty? ? nil : JSON.parse(text)
  rescue JSON::ParserError
    nil
  end

  # An error the client itself classifies (the handler cannot be found, the result cannot be sent).
  class RuntimeFault < StandardError
    attr_reader :error_type

    def initialize(error_type, message)
      super(message)
      @error_type = error_type
    end
  end

  # Lambda's error document: `Function<Class>` / `Init<Class>`, the message and the user's frames.
  def self.error_body(error, phase)
    type = error.is_a?(RuntimeFault) ? error.error_type : "#{phase}<#{error.class}>"
    trace = (error.backtrace || []).reject { |line| line.start_with?(__FILE__) }
    { errorMessage: error.message, errorType: type, stackTrace: trace }
  end

  # The Runtime API over one kept-alive HTTP connection.
  class RuntimeApi
    def initialize(address)
      host, port = address.split(':', 2)
      @http = Net::HTTP.new(host, (port || 80).to_i)
      @http.read_timeout = nil
      @http.keep_alive_timeout = 3600
      @http.start
    end

    def next_invocation
      response = @http.request(Net::HTTP::Get.new("#{API_PREFIX}/invocation/next"))
      headers = response.each_header.to_h
      [headers, response.body]
    end

    def post(path, payload, error_type = nil)
      request = Net::HTTP::Post.new(API_PREFIX + path, 'Content-Type' => 'application/json')
      request['Lambda-Runtime-Function-Error-Type'] = error_type if error_type
      request.body = payload
      @http.request(request)
    end
  end

  # Resolves `file.method` / `file.Module::Class.method` into something to call.
  def self.load_handler(task_root, handler)
    parts = handler.to_s.split('.')
    if parts.length < 2 || parts.any?(&:empty?)
      raise RuntimeFault.new('Init<Runtime.MalformedHandlerName>',
                             "Bad handler '#{handler}': expected file.method or file.Module::Class.method")
    end
    file = parts.first
    method_name = parts.last
    constant_path = parts[1...-1].join('.')
    path = File.expand_path("#{file}.rb", task_root)
    raise LoadError, "cannot load such file -- #{path}" unless File.file?(path)

    require path
    target = constant_path.empty? ? Object.new : Object.const_get(constant_path)
    unless target.respond_to?(method_name, true)
      where = constant_path.empty? ? file : constant_path
      raise NoMethodError, "undefined method `#{method_name}' for #{where}"
    end
    target.method(method_name)
  end

  def self.serve(api, handler)
    loop do
      headers, body = api.next_invocation
      request_id = headers['lambda-runtime-aws-request-id']
      Log.request_id = request_id
      trace_id = headers['lambda-runtime-trace-id']
      trace_id ? ENV['_X_AMZN_TRACE_ID'] = trace_id : ENV.delete('_X_AMZN_TRACE_ID')
      respond(api, request_id, handler, body, headers)
      $stdout.flush
      $stderr.flush
      Log.request_id = nil
    end
  end

  def self.respond(api, request_id, handler, body, headers)
    result = handler.call(event: JSON.parse(body), context: Context.new(headers))
    payload = begin
      JSON.generate(result)
    rescue StandardError => e
      raise RuntimeFault.new('Function<Runtime.MarshalError>', "Unable to marshal response: #{e.message}")
    end
    api.post("/invocation/#{request_id}/response", payload)
  rescue StandardError, ScriptError, NoMemoryError, SystemStackError => e
    error = error_body(e, 'Function')
    Log.emit('ERROR', JSON.generate(error))
    api.post("/invocation/#{request_id}/error", JSON.generate(error), error[:errorType])
  end

  def self.main
    api = RuntimeApi.new(ENV.fetch('AWS_LAMBDA_RUNTIME_API', '127.0.0.1:9001'))
    $stdout = LineWriter.new('INFO')
    $stderr = LineWriter.new('ERROR')
    begin
      handler = load_handler(ENV.fetch('LAMBDA_TASK_ROOT', '/var/task'), ENV.fetch('_HANDLER', ''))
    rescue StandardError, ScriptError, SystemStackError => e
      error = error_body(e, 'Init')
      Log.emit('ERROR', "Init error: #{JSON.generate(error)}")
      api.post('/init/error', JSON.generate(error), error[:errorType])
      exit(1)
    end
    serve(api, handler)
  end
end

OnpreLambda.main if $PROGRAM_NAME == __FILE__
