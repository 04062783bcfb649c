/**
 * Webhook signature verification, one program per sample language, in ONE place: the Webhooks guide
 * renders these strings and the sample runner (issue 7) executes them against sandbox deliveries.
 *
 * Contract every server program follows, so one test drives them all:
 * - reads the signing secret (`whsec_…`) from `AETHEX_WEBHOOK_SECRET` and the port from `PORT` (default 8000);
 * - answers `POST /webhooks`: verifies the RAW body with the Standard Webhooks library of its language
 *   (HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>`, 300 s timestamp tolerance);
 * - `204` when the delivery verifies (and prints a line starting with `verified`), `400` when it does not.
 * The curl program instead asks the API to check a delivery (POST /v1/webhooks/verify), reading the
 * raw body from `delivery.json` and the three headers from `WEBHOOK_ID`, `WEBHOOK_TIMESTAMP`, `WEBHOOK_SIGNATURE`.
 * Spec: https://www.standardwebhooks.com/ (Standard Webhooks 1.0).
 */

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

const curl = `# Ask the API to check a delivery you received: the raw body is in delivery.json,
# the three headers in WEBHOOK_ID, WEBHOOK_TIMESTAMP and WEBHOOK_SIGNATURE.
jq -n --rawfile payload delivery.json \\
  --arg id "$WEBHOOK_ID" --arg ts "$WEBHOOK_TIMESTAMP" --arg sig "$WEBHOOK_SIGNATURE" \\
  '{payload: $payload, headers: {"webhook-id": $id, "webhook-timestamp": $ts, "webhook-signature": $sig}}' |
curl -sS -X POST "\${AETHEX_BASE_URL:-https://api.aethex.dev}/v1/webhooks/verify" \\
  -H "Authorization: Bearer $AETHEX_TOKEN" \\
  -H "Content-Type: application/json" \\
  --data-binary @-
`;

const javascript = `import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const webhook = new Webhook(process.env.AETHEX_WEBHOOK_SECRET); // whsec_…

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

const python = `import os
from http.server import BaseHTTPRequestHandler, HTTPServer

from standardwebhooks import Webhook

webhook = Webhook(os.environ["AETHEX_WEBHOOK_SECRET"])  # whsec_…


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != "/webhooks":
            self.send_response(404)
            self.end_headers()
            return
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))  # raw bytes
        headers = {
            name: self.headers.get(name, "")
            for name in ("webhook-id", "webhook-timestamp", "webhook-signature")
        }
        try:
            event = webhook.verify(raw, headers)
        except Exception as error:  # standardwebhooks raises WebhookVerificationError
            print("rejected:", error, flush=True)
            self.send_response(400)
            self.end_headers()
            return
        print("verified", event["type"], flush=True)
        self.send_response(204)  # acknowledge fast; do the work after
        self.end_headers()


HTTPServer(("", int(os.environ.get("PORT", "8000"))), Handler).serve_forever()
`;

const go = `package main

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

func main() {
	webhook, err := standardwebhooks.NewWebhook(os.Getenv("AETHEX_WEBHOOK_SECRET")) // whsec_…
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("POST /webhooks", func(w http.ResponseWriter, r *http.Request) {
		raw, err := io.ReadAll(r.Body) // the raw body: never re-serialise JSON
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if err := webhook.Verify(raw, r.Header); err != nil {
			log.Println("rejected:", err)
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		var event struct {
			Type string \`json:"type"\`
		}
		_ = json.Unmarshal(raw, &event)
		log.Println("verified", event.Type)
		w.WriteHeader(http.StatusNoContent) // acknowledge fast; do the work after
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
`;

const java = `import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

public class WebhookReceiver {
  public static void main(String[] args) throws Exception {
    Webhook webhook = new Webhook(System.getenv("AETHEX_WEBHOOK_SECRET")); // whsec_…
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8000"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/webhooks", exchange -> {
      String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      // java.net.http.HttpHeaders looks names up case-insensitively, as HTTP requires.
      HttpHeaders headers = HttpHeaders.of(exchange.getRequestHeaders(), (name, value) -> true);
      int status;
      try {
        webhook.verify(raw, headers);
        System.out.println("verified");
        status = 204; // acknowledge fast; do the work after
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

const ruby = `require "json"
require "standardwebhooks"
require "webrick"

webhook = StandardWebhooks::Webhook.new(ENV.fetch("AETHEX_WEBHOOK_SECRET")) # whsec_…
server = WEBrick::HTTPServer.new(Port: Integer(ENV.fetch("PORT", "8000")))

server.mount_proc "/webhooks" do |request, response|
  raw = request.body.to_s # the raw body: never re-serialise JSON
  headers = %w[webhook-id webhook-timestamp webhook-signature].to_h { |name| [name, request[name]] }
  begin
    webhook.verify(raw, headers)
    puts "verified #{JSON.parse(raw)["type"]}"
    response.status = 204 # acknowledge fast; do the work after
  rescue StandardError => error
    puts "rejected: #{error.message}"
    response.status = 400
  end
end

trap("INT") { server.shutdown }
server.start
`;

/** The six programs, in the site's language order (cURL, JavaScript, Python, Go, Java, Ruby). */
export const WEBHOOK_VERIFY_SNIPPETS: readonly WebhookVerifySnippet[] = [
  { id: 'curl', lang: 'bash', filename: 'verify.sh', install: 'apt-get install jq curl', code: curl },
  { id: 'javascript', lang: 'javascript', filename: 'receiver.mjs', install: 'npm install standardwebhooks', code: javascript },
  { id: 'python', lang: 'python', filename: 'receiver.py', install: 'pip install standardwebhooks', code: python },
  { id: 'go', lang: 'go', filename: 'main.go', install: 'go get github.com/standard-webhooks/standard-webhooks/libraries/go', code: go },
  { id: 'java', lang: 'java', filename: 'WebhookReceiver.java', install: 'Maven Central: com.standardwebhooks:standardwebhooks', code: java },
  { id: 'ruby', lang: 'ruby', filename: 'receiver.rb', install: 'gem install standardwebhooks webrick', code: ruby },
];
