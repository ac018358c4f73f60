/**
 * Development HTTPS certificates made without sudo: a self-signed localhost
 * certificate in .certs/, reused until it is within a day of expiry.
 * (office-addin-dev-certs needs sudo to install its CA, so we don't use it.)
 */
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");

const DIR = path.join(__dirname, "..", ".certs");
const KEY = path.join(DIR, "localhost.key");
const CERT = path.join(DIR, "localhost.crt");

function stillValid() {
  if (!fs.existsSync(KEY) || !fs.existsSync(CERT)) return false;
  try {
    const x = new crypto.X509Certificate(fs.readFileSync(CERT));
    return new Date(x.validTo).getTime() - Date.now() > 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

function ensureDevCerts() {
  if (!stillValid()) {
    const selfsigned = require("selfsigned");
    const pems = selfsigned.generate([{ name: "commonName", value: "localhost" }], {
      days: 30,
      keySize: 2048,
      algorithm: "sha256",
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
        { name: "extKeyUsage", serverAuth: true },
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
          ],
        },
      ],
    });
    fs.mkdirSync(DIR, { recursive: true });
    fs.writeFileSync(KEY, pems.private, { mode: 0o600 });
    fs.writeFileSync(CERT, pems.cert);
  }
  return { key: fs.readFileSync(KEY), cert: fs.readFileSync(CERT), keyPath: KEY, certPath: CERT };
}

module.exports = { ensureDevCerts, CERT_PATH: CERT };
