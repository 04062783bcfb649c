require 'uri'
require 'net/http'

# The environment variable name, or fallback when it is unset or empty.
def env(name, fallback)
  value = ENV.fetch(name, '')
  value.empty? ? fallback : value
end

base_url = env('AETHEX_BASE_URL', 'https://api.aethex.dev')
# An access token or personal access token.
token = ENV.fetch('AETHEX_TOKEN') { abort 'Set AETHEX_TOKEN' }
project_id = env('AETHEX_PROJECT_ID', 'prj_8fK2mQ9xLp4Rt7Vb')

url = URI("#{base_url}/v1/projects/#{project_id}/metrics?window=24h")

http = Net::HTTP.new(url.host, url.port)
http.use_ssl = url.scheme == 'https'

request = Net::HTTP::Get.new(url)
request["Authorization"] = "Bearer #{token}"
request["AeThex-Environment"] = 'production'

response = http.request(request)
puts "HTTP #{response.code}"
puts "X-Request-ID: #{response['X-Request-ID']}"
puts "X-RateLimit-Remaining: #{response['X-RateLimit-Remaining']}"
puts response.body
