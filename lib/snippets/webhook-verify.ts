/**
 * Webhook signature verification, one program per sample language, in ONE place: the Webhooks guide
 * renders these strings and the sample runner (scripts/run-samples.ts) executes them against sandbox deliveries.
 *
 * Contract every server program follows, so one test drives them all:
 * - reads the signing secret (`whsec_…`) from `AETHEX_WEBHOOK_SECRET` and the port from `PORT` (default 8000);
 * - answers `POST /webhooks`: verifies the RAW body the Standard Webhooks way (HMAC-SHA256 over
 *   `<webhook-id>.<webhook-timestamp>.<body>` keyed with the base64-decoded secret, constant-time compare,
 *   300 s timestamp tolerance). JavaScript uses the official `standardwebhooks` npm package; Python, Go, Java
 *   and Ruby use only their standard library (a dozen lines), so they run with nothing to install;
 * - `204` when the delivery verifies (and prints a line starting with `verified`), `400` when it does not.
 * The curl program instead asks the API to check a delivery (the verifyWebhook operation), reading the
 * raw body from `delivery.json` and the three headers from `WEBHOOK_ID`, `WEBHOOK_TIMESTAMP`, `WEBHOOK_SIGNATURE`.
 * Spec: https://www.standardwebhooks.com/ (Standard Webhooks 1.0).
 * `webhookVerifySnippets(options)` writes `webhookSecret` in as the DEFAULT the receivers fall back to when
 * `AETHEX_WEBHOOK_SECRET` is unset (so a receiver started with a registered endpoint's own secret still verifies its
 * deliveries), and, for cURL, `baseUrl` and `token` literally.
 */
import { getOperation } from '@/lib/openapi';

import { DEFAULT_BASE_URL } from './generate';
import { doubleQuoted, jsSingle, rubySingle, shellSingle } from './quote';
import type { SampleOptions } from './types';

/** One verification program. `id` is a lib/snippets LANGUAGES id; `lang` the highlighter language. */
export type WebhookVerifySnippet = {
  id: 'curl' | 'javascript' | 'python' | 'go' | 'java' | 'ruby';
  lang: string;
  /** Suggested file name for the program. */
  filename: string;
  /** How to install the Standard Webhooks library (a shell command or build-file line). */
  install: string;
  code: string;
};

/** The verifyWebhook operation's path, from the document (a missing operation fails loudly, at load). */
const verifyPath =
  getOperation('verifyWebhook')?.path ??
  (() => {
    throw new Error('webhook-verify: the OpenAPI document has no verifyWebhook operation');
  })();

const curl = (o: SampleOptions) => `# Ask the API to check a delivery you received: the raw body is in delivery.json,
# the three headers in WEBHOOK_ID, WEBHOOK_TIMESTAMP and WEBHOOK_SIGNATURE.
jq -n --rawfile payload delivery.json \\
  --arg id "$WEBHOOK_ID" --arg ts "$WEBHOOK_TIMESTAMP" --arg sig "$WEBHOOK_SIGNATURE" \\
  '{payload: $payload, headers: {"webhook-id": $id, "webhook-timestamp": $ts, "webhook-signature": $sig}}' |
curl -sS -X POST ${o.baseUrl === undefined ? `"\${AETHEX_BASE_URL:-${DEFAULT_BASE_URL}}${verifyPath}"` : shellSingle(o.baseUrl.replace(/\/+$/, '') + verifyPath)} \\
  -H ${o.token === undefined ? '"Authorization: Bearer $AETHEX_TOKEN"' : shellSingle(`Authorization: Bearer ${o.token}`)} \\
  -H "Content-Type: application/json" \\
  --data-binary @-
`;

const javascript = (secret?: string) => `import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const webhook = new Webhook(${secret === undefined ? 'process.env.AETHEX_WEBHOOK_SECRET' : `process.env.AETHEX_WEBHOOK_SECRET ?? ${jsSingle(secret)}`}); // whsec_…

http
  .createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/webhooks') return res.writeHead(404).end();
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8'); // the raw body: never re-serialise JSON
      try {
        const event = webhook.verify(raw, {
          'webhook-id': req.headers['webhook-id'],
          'webhook-timestamp': req.headers['webhook-timestamp'],
          'webhook-signature': req.headers['webhook-signature'],
        });
        console.log('verified', event.type);
        res.writeHead(204).end(); // acknowledge fast; do the work after
      } catch (error) {
        console.error('rejected:', error.message);
        res.writeHead(400).end();
      }
    });
  })
  .listen(Number(process.env.PORT ?? 8000));
`;

const python = (secret?: string) => `import base64
import hashlib
import hmac
import os
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

# Standard Webhooks with the standard library only (the official package: pip install standardwebhooks).
SECRET = base64.b64decode(${secret === undefined ? 'os.environ["AETHEX_WEBHOOK_SECRET"]' : `os.environ.get("AETHEX_WEBHOOK_SECRET", ${doubleQuoted(secret)})`}.removeprefix("whsec_"))  # whsec_…
TOLERANCE_SECONDS = 300


def verify(raw, webhook_id, timestamp, signatures):
    """Raises ValueError unless a v1 signature matches and the timestamp is fresh."""
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("webhook-timestamp outside the 300 s tolerance")
    signed = f"{webhook_id}.{timestamp}.".encode() + raw
    expected = base64.b64encode(hmac.new(SECRET, signed, hashlib.sha256).digest()).decode()
    for signature in signatures.split():
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):  # constant time
            return
    raise ValueError("no matching v1 signature")


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != "/webhooks":
            self.send_response(404)
            self.end_headers()
            return
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))  # the raw bytes
        try:
            verify(
                raw,
                self.headers.get("webhook-id", ""),
                self.headers.get("webhook-timestamp", ""),
                self.headers.get("webhook-signature", ""),
            )
        except ValueError as error:
            print("rejected:", error, flush=True)
            self.send_response(400)
            self.end_headers()
            return
        print("verified", flush=True)
        self.send_response(204)  # acknowledge fast; do the work after
        self.end_headers()


HTTPServer(("", int(os.environ.get("PORT", "8000"))), Handler).serve_forever()
`;

const go = (secret?: string) => `package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// verify checks a Standard Webhooks delivery with the standard library only (the official package:
// github.com/standard-webhooks/standard-webhooks/libraries/go).
func verify(secret, raw []byte, header http.Header) error {
	id, timestamp := header.Get("webhook-id"), header.Get("webhook-timestamp")
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || id == "" {
		return errors.New("missing webhook-id or webhook-timestamp")
	}
	if age := time.Now().Unix() - seconds; age > 300 || age < -300 {
		return errors.New("webhook-timestamp outside the 300 s tolerance")
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(id + "." + timestamp + "."))
	mac.Write(raw)
	expected := []byte(base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	for _, signature := range strings.Fields(header.Get("webhook-signature")) {
		version, value, _ := strings.Cut(signature, ",")
		if version == "v1" && hmac.Equal([]byte(value), expected) { // constant time
			return nil
		}
	}
	return errors.New("no matching v1 signature")
}

func main() {
${secret === undefined ? '' : `	whsec := os.Getenv("AETHEX_WEBHOOK_SECRET") // whsec_…\n	if whsec == "" {\n		whsec = ${doubleQuoted(secret)} // your sandbox app's secret\n	}\n`}	secret, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(${secret === undefined ? 'os.Getenv("AETHEX_WEBHOOK_SECRET")' : 'whsec'}, "whsec_"))
	if err != nil || len(secret) == 0 {
		log.Fatal(${secret === undefined ? '"set AETHEX_WEBHOOK_SECRET to your whsec_… signing secret"' : '"the whsec_… signing secret is not valid base64"'})
	}
	http.HandleFunc("/webhooks", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		raw, err := io.ReadAll(r.Body) // the raw body: never re-serialise JSON
		if err == nil {
			err = verify(secret, raw, r.Header)
		}
		if err != nil {
			log.Println("rejected:", err)
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		log.Println("verified")
		w.WriteHeader(http.StatusNoContent) // acknowledge fast; do the work after
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
`;

const java = (secret?: string) => `import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class WebhookReceiver {
  // Standard Webhooks with the JDK only (the official library: Maven com.standardwebhooks:standardwebhooks).
  static boolean verify(byte[] secret, byte[] raw, Headers headers) throws Exception {
    String id = headers.getFirst("webhook-id"); // Headers looks names up case-insensitively
    String timestamp = headers.getFirst("webhook-timestamp");
    String signatures = headers.getFirst("webhook-signature");
    if (id == null || timestamp == null || signatures == null || !timestamp.matches("\\\\d{1,18}")) return false;
    if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) return false;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = Base64.getEncoder().encode(mac.doFinal(raw));
    for (String signature : signatures.split(" ")) {
      String[] parts = signature.split(",", 2);
      if (parts.length == 2 && parts[0].equals("v1")
          && MessageDigest.isEqual(parts[1].getBytes(StandardCharsets.UTF_8), expected)) return true; // constant time
    }
    return false;
  }

  public static void main(String[] args) throws Exception {
    String whsec = ${secret === undefined ? 'System.getenv("AETHEX_WEBHOOK_SECRET")' : `System.getenv().getOrDefault("AETHEX_WEBHOOK_SECRET", ${doubleQuoted(secret)})`}; // whsec_…
${secret === undefined ? '    if (whsec == null) throw new IllegalStateException("Set AETHEX_WEBHOOK_SECRET");\n' : ''}    byte[] secret = Base64.getDecoder().decode(whsec.replaceFirst("^whsec_", ""));
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8000"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/webhooks", exchange -> {
      byte[] raw = exchange.getRequestBody().readAllBytes(); // the raw body: never re-serialise JSON
      int status;
      try {
        boolean valid = exchange.getRequestMethod().equals("POST") && verify(secret, raw, exchange.getRequestHeaders());
        System.out.println(valid ? "verified" : "rejected");
        status = valid ? 204 : 400; // acknowledge fast; do the work after
      } catch (Exception error) {
        System.out.println("rejected: " + error.getMessage());
        status = 400;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }
}
`;

const ruby = (secret?: string) => `require "base64"
require "openssl"
require "webrick"

# Standard Webhooks with the standard library only (the official gem: gem install standardwebhooks).
SECRET = Base64.strict_decode64(${secret === undefined ? 'ENV.fetch("AETHEX_WEBHOOK_SECRET")' : `ENV.fetch("AETHEX_WEBHOOK_SECRET", ${rubySingle(secret)})`}.delete_prefix("whsec_")) # whsec_…

def verified?(raw, id, timestamp, signatures)
  return false unless id && signatures && timestamp.to_s.match?(/\\A\\d+\\z/)
  return false if (Time.now.to_i - timestamp.to_i).abs > 300 # tolerance in seconds
  signed = "#{id}.#{timestamp}.".b + raw.b
  expected = Base64.strict_encode64(OpenSSL::HMAC.digest("SHA256", SECRET, signed))
  signatures.split(" ").any? do |signature|
    version, value = signature.split(",", 2)
    version == "v1" && value && OpenSSL.secure_compare(value, expected) # constant time
  end
end

server = WEBrick::HTTPServer.new(Port: Integer(ENV.fetch("PORT", "8000")))

server.mount_proc "/webhooks" do |request, response|
  raw = request.body.to_s # the raw body: never re-serialise JSON
  if request.request_method == "POST" &&
     verified?(raw, request["webhook-id"], request["webhook-timestamp"], request["webhook-signature"])
    puts "verified"
    response.status = 204 # acknowledge fast; do the work after
  else
    puts "rejected"
    response.status = 400
  end
end

trap("INT") { server.shutdown }
server.start
`;

/**
 * The six programs, in the site's language order (cURL, JavaScript, Python, Go, Java, Ruby). `options.webhookSecret`
 * becomes the receivers' default secret, used only when `AETHEX_WEBHOOK_SECRET` is unset; `options.baseUrl` and
 * `options.token` replace the cURL program's variables.
 */
export function webhookVerifySnippets(options: SampleOptions = {}): readonly WebhookVerifySnippet[] {
  const secret = options.webhookSecret;
  return [
    { id: 'curl', lang: 'bash', filename: 'verify.sh', install: 'apt-get install jq curl', code: curl(options) },
    {
      id: 'javascript',
      lang: 'javascript',
      filename: 'receiver.mjs',
      install: 'npm install standardwebhooks',
      code: javascript(secret),
    },
    {
      id: 'python',
      lang: 'python',
      filename: 'receiver.py',
      install: 'none (standard library); optional: pip install standardwebhooks',
      code: python(secret),
    },
    {
      id: 'go',
      lang: 'go',
      filename: 'main.go',
      install: 'none (standard library); optional: go get github.com/standard-webhooks/standard-webhooks/libraries/go',
      code: go(secret),
    },
    {
      id: 'java',
      lang: 'java',
      filename: 'WebhookReceiver.java',
      install: 'none (JDK only); optional: Maven com.standardwebhooks:standardwebhooks',
      code: java(secret),
    },
    {
      id: 'ruby',
      lang: 'ruby',
      filename: 'receiver.rb',
      install: 'gem install webrick (Ruby 3+); optional: gem install standardwebhooks',
      code: ruby(secret),
    },
  ];
}

/** The six programs reading every value from the environment (what pages show as placeholders). */
export const WEBHOOK_VERIFY_SNIPPETS: readonly WebhookVerifySnippet[] = webhookVerifySnippets();
