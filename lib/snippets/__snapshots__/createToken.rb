require 'uri'
require 'net/http'

# The environment variable name, or fallback when it is unset or empty.
def env(name, fallback)
  value = ENV.fetch(name, '')
  value.empty? ? fallback : value
end

base_url = env('AETHEX_BASE_URL', 'https://api.aethex.dev')
client_id = ENV.fetch('AETHEX_CLIENT_ID') { abort 'Set AETHEX_CLIENT_ID' }
client_secret = ENV.fetch('AETHEX_CLIENT_SECRET') { abort 'Set AETHEX_CLIENT_SECRET' }

url = URI("#{base_url}/v1/auth/token")

http = Net::HTTP.new(url.host, url.port)
http.use_ssl = url.scheme == 'https'

request = Net::HTTP::Post.new(url)
request["Authorization"] = "Basic #{["#{client_id}:#{client_secret}"].pack('m0')}"
request["Content-Type"] = 'application/x-www-form-urlencoded'
request.body = 'grant_type=client_credentials&scope=projects%3Aread+deployments%3Awrite'

response = http.request(request)
puts "HTTP #{response.code}"
puts "X-Request-ID: #{response['X-Request-ID']}"
puts "X-RateLimit-Remaining: #{response['X-RateLimit-Remaining']}"
puts response.body
