import * as https from "https";
import * as net from "net";
import * as path from "path";
import * as fs from "fs";
import * as crypto from "crypto";
import { spawn, type ChildProcess } from "child_process";

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

/** Resolves once nothing accepts connections on the port (or rejects after `ms`). */
async function portFreed(port: number, ms: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (!open) return Date.now() - t0;
    if (Date.now() - t0 > ms) throw new Error(`port ${port} still served ${ms} ms after the stop`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const started: ChildProcess[] = [];

/** Starts `command` in its own process group and waits for the sideload instructions. */
async function serve(
  command: string,
  args: string[],
  port: number,
): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, HARM_PLANNER_PORT: String(port) },
    detached: true,
  });
  started.push(child);
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const deadline = Date.now() + 110_000;
  while (!out.includes("Sideload manifest.xml") && Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited early:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, out: () => out };
}

afterAll(() => {
  for (const c of started) {
    try {
      if (c.pid) process.kill(-c.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
});

describe("npm start", () => {
  it("serves taskpane.html over HTTPS on localhost with certificates it made itself", async () => {
    const port = await pickPort();
    const { child, out } = await serve("node", ["scripts/start.js"], port);
    expect(out()).toContain(`https://localhost:${port}/taskpane.html`);
    expect(out()).toContain(`https://localhost:${port}/preview.html`);
    expect(out()).toMatch(/Excel on the web/);
    expect(out()).toMatch(/Excel on Windows/);
    expect(out()).toMatch(/Excel on Mac/);

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

    // A closed terminal (SIGHUP) stops the server, and start.js exits with it.
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(child.pid!, "SIGHUP");
    await portFreed(port, 5_000);
    await exited;
  }, 150_000);

  it("stopping npm start by its process id frees the port (npm leaves start.js orphaned)", async () => {
    const port = await pickPort();
    const { child } = await serve("npm", ["start", "--silent"], port);
    process.kill(child.pid!, "SIGTERM");
    await portFreed(port, 5_000);
  }, 150_000);

  it("killing start.js outright (SIGKILL) still stops the server it started", async () => {
    const port = await pickPort();
    const { child } = await serve("node", ["scripts/start.js"], port);
    process.kill(child.pid!, "SIGKILL");
    await portFreed(port, 5_000);
  }, 150_000);
});
