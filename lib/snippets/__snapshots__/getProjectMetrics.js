const baseUrl = process.env.AETHEX_BASE_URL || 'https://api.aethex.dev';
const token = process.env.AETHEX_TOKEN;
if (!token) throw new Error('Set AETHEX_TOKEN to an access token or personal access token');
const projectId = process.env.AETHEX_PROJECT_ID || 'prj_8fK2mQ9xLp4Rt7Vb';

const options = {
  method: 'GET',
  headers: {Authorization: `Bearer ${token}`, 'AeThex-Environment': 'production'}
};

fetch(`${baseUrl}/v1/projects/${projectId}/metrics?window=24h`, options)
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
