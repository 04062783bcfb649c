require 'uri'
require 'net/http'
require 'securerandom'

# The environment variable name, or fallback when it is unset or empty.
def env(name, fallback)
  value = ENV.fetch(name, '')
  value.empty? ? fallback : value
end

base_url = env('AETHEX_BASE_URL', 'https://api.aethex.dev')
# An access token or personal access token.
token = ENV.fetch('AETHEX_TOKEN') { abort 'Set AETHEX_TOKEN' }
# A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.
# The header carries it in double quotes: an RFC 8941 string.
idempotency_key = env('AETHEX_IDEMPOTENCY_KEY', SecureRandom.uuid)

url = URI("#{base_url}/v1/projects")

http = Net::HTTP.new(url.host, url.port)
http.use_ssl = url.scheme == 'https'

request = Net::HTTP::Post.new(url)
request["Authorization"] = "Bearer #{token}"
request["AeThex-Environment"] = 'production'
request["Content-Type"] = 'application/json'
request["Idempotency-Key"] = "\"#{idempotency_key}\""
request.body = '{
  "name": "storefront"
}'

response = http.request(request)
puts "HTTP #{response.code}"
puts "X-Request-ID: #{response['X-Request-ID']}"
puts "X-RateLimit-Remaining: #{response['X-RateLimit-Remaining']}"
puts response.body
