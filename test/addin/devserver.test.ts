import * as https from "https";
import * as net from "net";
import * as path from "path";
import * as fs from "fs";
import * as crypto from "crypto";
import { spawn, ChildProcess } from "child_process";

const root = path.join(__dirname, "..", "..");

/** 3000 as documented, unless something (a developer's own npm start) already holds it. */
function pickPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => {
      const any = net.createServer();
      any.listen(0, "127.0.0.1", () => {
        const p = (any.address() as net.AddressInfo).port;
        any.close(() => resolve(p));
      });
    });
    probe.listen(3000, "127.0.0.1", () => probe.close(() => resolve(3000)));
  });
}

function get(url: string): Promise<{ status: number; body: string; cert: crypto.X509Certificate }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { rejectUnauthorized: false }, (res) => {
      const socket = res.socket as import("tls").TLSSocket;
      const raw = socket.getPeerCertificate(true).raw;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body, cert: new crypto.X509Certificate(raw) }),
      );
    });
    req.on("error", reject);
  });
}

describe("npm start", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.pid) {
      try {
        process.kill(child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
  });

  it("serves taskpane.html over HTTPS on localhost with certificates it made itself", async () => {
    const port = await pickPort();
    child = spawn("node", ["scripts/start.js"], {
      cwd: root,
      env: { ...process.env, HARM_PLANNER_PORT: String(port) },
    });
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (out += d));
    const deadline = Date.now() + 110_000;
    while (!out.includes("Sideload manifest.xml") && Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(out).toContain(`https://localhost:${port}/taskpane.html`);
    expect(out).toContain(`https://localhost:${port}/preview.html`);
    expect(out).toMatch(/Excel on the web/);
    expect(out).toMatch(/Excel on Windows/);
    expect(out).toMatch(/Excel on Mac/);

    const res = await get(`https://localhost:${port}/taskpane.html`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<div id="root">');
    expect(res.body).toContain("functions.js");
    // The server presents the certificate that start.js generated, for localhost.
    const made = new crypto.X509Certificate(fs.readFileSync(path.join(root, ".certs", "localhost.crt")));
    expect(res.cert.fingerprint256).toBe(made.fingerprint256);
    expect(made.subjectAltName).toContain("DNS:localhost");
    const fnJson = await get(`https://localhost:${port}/functions.json`);
    expect(JSON.parse(fnJson.body).functions.length).toBeGreaterThan(0);
  }, 150_000);
});
