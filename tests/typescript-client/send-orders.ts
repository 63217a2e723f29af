// docs/openapi.yaml from TypeScript: orders posted with a client whose types openapi-typescript generated from
// the document, the `retry` rows resent after `retryAfterMs` until none is left (docs/http-api.md, "What the client
// does with each answer"). Usage: node dist/send-orders.js BASE_URL PREFIX COUNT (COUNT valid orders and one invalid
// row); prints one JSON line of totals.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/dynamo.js";

type Order = components["schemas"]["OrdersRow"];
type RowResult = components["schemas"]["IngestResponse"]["rows"][number];

const [baseUrl, prefix, count] = [process.argv[2], process.argv[3] ?? "ts", Number(process.argv[4] ?? "100")];
if (!baseUrl) throw new Error("usage: node dist/send-orders.js BASE_URL [PREFIX] [COUNT]");
const client = createClient<paths>({ baseUrl });

const orders: Order[] = Array.from({ length: count }, (_, i) => ({
  orderId: `${prefix}-${i}`,
  customer: `Customer ${i % 7}`,
  amount: i + 0.5,
  currency: "EUR",
  status: "paid",
  createdAt: "2026-03-14T15:09:26Z",
}));
// One invalid row, so that a status other than stored and retry comes back typed.
orders.push({ orderId: `${prefix}-bad`, customer: "x", amount: -1, status: "paid", createdAt: "2026-03-14T15:09:26Z" });

const totals = { requests: 0, stored: 0, invalid: [] as string[], duplicate: 0, resent: 0 };
let pending = orders;
while (pending.length > 0) {
  totals.requests++;
  const { data, error, response } = await client.POST("/datasets/orders/rows", { body: { rows: pending } });
  if (response.status === 429 || response.status >= 500) {
    // Throttled or failed as a whole: wait as told, resend everything still pending (every resend is safe).
    const seconds = Number(response.headers.get("Retry-After") ?? "1");
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    continue;
  }
  if (!data) throw new Error(`HTTP ${response.status}: ${JSON.stringify(error)}`);
  totals.stored += data.summary.stored;
  totals.duplicate += data.summary.duplicate;
  const notStored: RowResult[] = data.rows;
  for (const row of notStored.filter((r) => r.status === "invalid")) {
    totals.invalid.push(`${pending[row.index]?.orderId}: ${(row.errors ?? []).join("; ")}`);
  }
  const retry = notStored.filter((r) => r.status === "retry").map((r) => pending[r.index]!);
  if (retry.length > 0) {
    totals.resent += retry.length;
    await new Promise((resolve) => setTimeout(resolve, data.retryAfterMs ?? 1000));
  }
  pending = retry;
}
console.log(JSON.stringify(totals));
