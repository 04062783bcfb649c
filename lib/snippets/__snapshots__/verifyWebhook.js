const baseUrl = process.env.AETHEX_BASE_URL || 'https://api.aethex.dev';
const token = process.env.AETHEX_TOKEN;
if (!token) throw new Error('Set AETHEX_TOKEN to an access token or personal access token');

const options = {
  method: 'POST',
  headers: {
    Authorization: `Bearer ${token}`,
    'AeThex-Environment': 'production',
    'Content-Type': 'application/json'
  },
  body: JSON.stringify({
    "payload": process.env.AETHEX_WEBHOOK_PAYLOAD || "{\"id\":\"evt_2Vx8Kp4Lq9Mz1Rt6\",\"type\":\"deployment.succeeded\",\"created_at\":\"2026-11-30T10:15:00Z\",\"data\":{\"project_id\":\"prj_8fK2mQ9xLp4Rt7Vb\",\"deployment_id\":\"dep_6Hn3Jw8Qs1Xc5Lb9\",\"environment\":\"production\",\"commit_sha\":\"9f2c4e7a1b3d5f6081a2c4e6f8b0d1e3a5c7e9f1\",\"artifacts\":[{\"name\":\"web-bundle.tar.gz\",\"url\":\"https://artifacts.aethex.dev/prj_8fK2mQ9xLp4Rt7Vb/dep_6Hn3Jw8Qs1Xc5Lb9/web-bundle.tar.gz\",\"size_bytes\":18874368}],\"promoted_at\":\"2026-11-30T10:14:58Z\",\"duration_seconds\":212}}",
    "headers": {
      "webhook-id": process.env.AETHEX_WEBHOOK_ID || "msg_2Vx8Kp4Lq9Mz1Rt6",
      "webhook-timestamp": process.env.AETHEX_WEBHOOK_TIMESTAMP || "1796033700",
      "webhook-signature": process.env.AETHEX_WEBHOOK_SIGNATURE || "v1,1W1M6wIS0VwoEc9wCao9pBwjLWJu9ZYStNUOzw1OS6M="
    }
  }, null, 2)
};

fetch(`${baseUrl}/v1/webhooks/verify`, options)
  .then(async (res) => {
    console.log(`HTTP ${res.status}`);
    console.log(`X-Request-ID: ${res.headers.get('X-Request-ID')}`);
    console.log(`X-RateLimit-Remaining: ${res.headers.get('X-RateLimit-Remaining')}`);
    console.log(await res.text());
  })
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
