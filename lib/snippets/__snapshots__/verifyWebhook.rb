require 'uri'
require 'net/http'
require 'json'

# The environment variable name, or fallback when it is unset or empty.
def env(name, fallback)
  value = ENV.fetch(name, '')
  value.empty? ? fallback : value
end

base_url = env('AETHEX_BASE_URL', 'https://api.aethex.dev')
# An access token or personal access token.
token = ENV.fetch('AETHEX_TOKEN') { abort 'Set AETHEX_TOKEN' }

url = URI("#{base_url}/v1/webhooks/verify")

http = Net::HTTP.new(url.host, url.port)
http.use_ssl = url.scheme == 'https'

request = Net::HTTP::Post.new(url)
request["Authorization"] = "Bearer #{token}"
request["AeThex-Environment"] = 'production'
request["Content-Type"] = 'application/json'
request.body = JSON.pretty_generate({
  "payload": ENV.fetch("AETHEX_WEBHOOK_PAYLOAD", "{\"id\":\"evt_2Vx8Kp4Lq9Mz1Rt6\",\"type\":\"deployment.succeeded\",\"created_at\":\"2026-11-30T10:15:00Z\",\"data\":{\"project_id\":\"prj_8fK2mQ9xLp4Rt7Vb\",\"deployment_id\":\"dep_6Hn3Jw8Qs1Xc5Lb9\",\"environment\":\"production\",\"commit_sha\":\"9f2c4e7a1b3d5f6081a2c4e6f8b0d1e3a5c7e9f1\",\"artifacts\":[{\"name\":\"web-bundle.tar.gz\",\"url\":\"https://artifacts.aethex.dev/prj_8fK2mQ9xLp4Rt7Vb/dep_6Hn3Jw8Qs1Xc5Lb9/web-bundle.tar.gz\",\"size_bytes\":18874368}],\"promoted_at\":\"2026-11-30T10:14:58Z\",\"duration_seconds\":212}}"),
  "headers": {
    "webhook-id": ENV.fetch("AETHEX_WEBHOOK_ID", "msg_2Vx8Kp4Lq9Mz1Rt6"),
    "webhook-timestamp": ENV.fetch("AETHEX_WEBHOOK_TIMESTAMP", "1796033700"),
    "webhook-signature": ENV.fetch("AETHEX_WEBHOOK_SIGNATURE", "v1,1W1M6wIS0VwoEc9wCao9pBwjLWJu9ZYStNUOzw1OS6M=")
  }
})

response = http.request(request)
puts "HTTP #{response.code}"
puts "X-Request-ID: #{response['X-Request-ID']}"
puts "X-RateLimit-Remaining: #{response['X-RateLimit-Remaining']}"
puts response.body
