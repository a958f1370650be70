/**
 * Small, realistic documents for the demo organizations, generated in code so the repo carries no
 * binaries. Their words are what the lexical search ranks, so they read like real company docs.
 */

export const refundPolicy = `# Acme Refund Policy

_Last updated: 2026-09-02 · Owner: Customer Support_

## Who can request a refund
Any customer who bought directly from acme.example or through an authorised reseller may request a
refund within **30 days** of delivery. Enterprise contracts follow the terms in their master agreement.

## What qualifies
- Hardware returned unopened, or opened and defective (see the warranty terms).
- Annual software subscriptions cancelled within 14 days of renewal: prorated refund.
- Shipping fees are refunded only when the item arrived damaged or we shipped the wrong item.

## How refunds are paid
Refunds go back to the original payment method within 5–10 business days after the return is
received at the Rotterdam or Reno warehouse. Store credit is issued instantly on request.

## Exceptions
Clearance items, gift cards and custom-engraved products cannot be refunded. Support leads may approve
goodwill refunds up to USD 250 without manager sign-off.
`;

export const shippingFaq = `# Shipping FAQ

**How long does standard shipping take?** 3–5 business days in the EU and the continental US.
**Do you ship to Canada and the UK?** Yes. Duties are prepaid at checkout (DDP), so there are no surprises.
**Can I change my address after ordering?** Until the order status reads "packed". After that, contact
the carrier with the tracking number from your confirmation email.
**Express shipping** arrives next business day when ordered before 14:00 local warehouse time.
**Lost parcels**: if tracking shows no movement for 7 days we open a carrier claim and reship at once.
`;

export const warrantyTerms = `ACME LIMITED WARRANTY (HARDWARE)

1. Coverage. Acme warrants its hardware products against defects in materials and workmanship for
   24 months from the date of delivery to the original purchaser.
2. Remedy. Acme will, at its option, repair or replace the defective product. Replacement units may be
   refurbished to as-new condition.
3. Exclusions. Damage from accidents, liquid, unauthorised repair, or normal wear of batteries after
   500 charge cycles is not covered.
4. Claims. Start a claim at support.acme.example/warranty with the serial number and proof of purchase.
5. Battery. Batteries are covered for 12 months or 500 cycles, whichever comes first.
`;

export const troubleshootingGuide = `# Troubleshooting guide: Acme Hub

## The hub does not power on
1. Check that the USB-C power adapter is rated 30 W or more.
2. Hold the reset button for 10 seconds, then release and wait for the blue LED.

## Devices show as offline
- Confirm the hub firmware is 4.2.0 or later (Settings → About).
- Move the hub within 10 metres of the devices; concrete walls reduce range by half.
- Restart the hub from the app: Settings → Maintenance → Restart.

## Error E42: sync failed
E42 means the hub could not reach sync.acme.example. Check the firewall allows outbound HTTPS (443).
If it persists for more than an hour, collect logs (Settings → Diagnostics) and open a ticket.
`;

export function productCatalog(): string {
  const products = [
    { sku: 'HUB-200', name: 'Acme Hub 2', price_usd: 129, warranty_months: 24, category: 'hardware' },
    { sku: 'SEN-010', name: 'Door sensor', price_usd: 19, warranty_months: 24, category: 'hardware' },
    { sku: 'SEN-020', name: 'Motion sensor', price_usd: 29, warranty_months: 24, category: 'hardware' },
    { sku: 'CAM-300', name: 'Indoor camera', price_usd: 89, warranty_months: 12, category: 'hardware' },
    { sku: 'SUB-PRO', name: 'Acme Pro subscription', price_usd: 99, billing: 'annual', category: 'software' },
  ];
  return `${JSON.stringify({ catalog_version: '2026.10', currency: 'USD', products }, null, 2)}\n`;
}

export const onboarding = `# Engineering onboarding

Welcome to Acme Platform Engineering. Your first week:

- **Day 1**: laptop, SSO, GitHub access. Join #platform and #incidents.
- **Day 2**: read the deploy runbook and the API style guide. Pair with your onboarding buddy.
- **Day 3**: ship a small change to staging behind a feature flag.
- **Day 4–5**: shadow the on-call engineer; read the last three incident postmortems.

We deploy to production twice a day. Every service owns its dashboards and alerts. Ask questions in
public channels: someone else has the same question.
`;

export const deployRunbook = `# Deploy runbook

1. Merge to main; CI builds the image and runs the integration suite (about 12 minutes).
2. The canary gets 5% of traffic for 15 minutes. Watch error rate and p95 latency on the service dashboard.
3. Promote with \`acme deploy promote <service>\`. Rollback is \`acme deploy rollback <service>\` and takes under a minute.
4. Database migrations run before the deploy and must be backward compatible for one release.
5. Freeze: no production deploys Friday after 15:00 or during declared incidents.
`;

export const apiStyleGuide = `# API style guide

- Resource names are plural nouns: /v1/orders, /v1/orders/{order_id}/items.
- Lists are cursor paginated with limit, after and before; limit defaults to 20 and caps at 100.
- Errors use one envelope: {"error": {"message", "type", "param", "code"}} and name the bad parameter.
- Timestamps are Unix seconds in fields ending with _at.
- Writes accept an Idempotency-Key header; retries with the same key return the first result.
`;

export const postmortem = `# Postmortem: checkout latency, 2026-03-14

**Impact**: p95 checkout latency rose from 400 ms to 6 s for 47 minutes; 3.1% of orders failed.
**Root cause**: a connection pool limit of 20 in the payments client, exhausted when the fraud
service slowed down. Retries without jitter amplified the load.
**What went well**: the canary alert fired within 4 minutes; rollback was not needed.
**Action items**: raise the pool to 100 with a queue timeout (done); exponential backoff with jitter in
every client (in progress); load test the fraud dependency monthly (owner: SRE).
`;

export const retryPy = `"""Retry helper used by Acme services: exponential backoff with full jitter."""
import random
import time


def retry(call, attempts=5, base=0.2, cap=10.0, retry_on=(TimeoutError, ConnectionError)):
    for attempt in range(attempts):
        try:
            return call()
        except retry_on:
            if attempt == attempts - 1:
                raise
            time.sleep(random.uniform(0, min(cap, base * 2 ** attempt)))
`;

export const pricing = `# Pricing 2026

| Plan | Price | Includes |
|---|---|---|
| Starter | USD 9 / month | 1 hub, 10 devices, 7-day history |
| Pro | USD 99 / year | 3 hubs, unlimited devices, 90-day history, priority support |
| Business | USD 12 / seat / month | SSO, audit log, 1-year history, SLA 99.9% |

Discounts: 15% for annual Business contracts over 100 seats; 40% for education and non-profits.
Sales may discount up to 10% without approval; deeper discounts need the regional director.
`;

export const competitorMatrix = `# Competitor matrix (internal)

- **Globex Home**: cheaper hardware, no local processing, 30-day history only. Win on privacy.
- **Initech Smart**: strong enterprise story, weak battery life (6 months vs our 18). Win on total cost.
- **Umbrella Living**: closed ecosystem; customers complain about lock-in. Win on open APIs.
Objection handling: when price comes up, compare the three-year total cost including subscriptions.
`;

export const customerFaq = `Customer FAQ for account executives

Q: Can Business customers bring their own identity provider?
A: Yes. SAML and OIDC are supported; SCIM provisioning is included in Business.

Q: Where is data stored?
A: EU customers in Frankfurt, US customers in Oregon. Data residency is contractual.

Q: Is there an on-premises option?
A: No, but the hub processes automations locally when the internet is down.
`;

function csv(header: string[], rows: (string | number)[][]): string {
  return [header.join(','), ...rows.map((row) => row.join(','))].join('\n') + '\n';
}

export function salesCsv(): string {
  const regions = ['EMEA', 'NA', 'APAC', 'LATAM'];
  const rows: (string | number)[][] = [];
  for (let month = 7; month <= 9; month += 1) {
    regions.forEach((region, index) => {
      rows.push([
        `2026-0${month}`,
        region,
        1200 + index * 310 + month * 45,
        38_000 + index * 9_100 + month * 1_250,
        (0.021 + index * 0.004).toFixed(3),
      ]);
    });
  }
  return csv(['month', 'region', 'orders', 'revenue_usd', 'return_rate'], rows);
}

export function inventoryCsv(): string {
  const skus = ['HUB-200', 'SEN-010', 'SEN-020', 'CAM-300'];
  const rows = skus.flatMap((sku, index) =>
    ['Rotterdam', 'Reno'].map((warehouse, w) => [
      sku,
      warehouse,
      400 + index * 120 - w * 75,
      150 + index * 20,
      14 + w * 7,
    ]),
  );
  return csv(['sku', 'warehouse', 'on_hand', 'reorder_point', 'lead_time_days'], rows);
}

export function churnCohorts(): string {
  const cohorts = ['2026-01', '2026-02', '2026-03', '2026-04'].map((cohort, index) => ({
    cohort,
    customers: 1800 + index * 140,
    retention: [1, 0.91 - index * 0.01, 0.86 - index * 0.01, 0.83 - index * 0.015].map((value) =>
      Number(value.toFixed(3)),
    ),
  }));
  return `${JSON.stringify({ metric: 'monthly_retention', cohorts }, null, 2)}\n`;
}

export function pipelineCsv(): string {
  return csv(
    ['deal', 'stage', 'amount_usd', 'close_quarter'],
    [
      ['Contoso rollout', 'negotiation', 240_000, '2026Q4'],
      ['Fabrikam pilot', 'proposal', 36_000, '2026Q4'],
      ['Northwind renewal', 'commit', 118_000, '2027Q1'],
    ],
  );
}

export function batchJsonl(): string {
  return (
    ['How do I reset my hub?', 'What does error E42 mean?', 'Can I return a gift card?']
      .map((question, index) =>
        JSON.stringify({
          custom_id: `eval-${index + 1}`,
          method: 'POST',
          url: '/v1/chat/completions',
          body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] },
        }),
      )
      .join('\n') + '\n'
  );
}

export function fineTuneJsonl(): string {
  const pairs = [
    ['Quote 25 door sensors for a school.', 'Education pricing applies: 25 × USD 19 less 40% = USD 285.'],
    ['Quote 3 Pro subscriptions.', '3 × USD 99 per year = USD 297, billed annually.'],
  ];
  return (
    pairs
      .map(([user, assistant]) =>
        JSON.stringify({
          messages: [
            { role: 'system', content: 'You write Acme quotes.' },
            { role: 'user', content: user },
            { role: 'assistant', content: assistant },
          ],
        }),
      )
      .join('\n') + '\n'
  );
}

export const legacyArchive = `# 2023 support archive (read-only)

Tickets from the v1 hub era. The v1 hub reached end of life on 2025-06-30; firmware 2.x is no longer
updated. Customers on v1 hubs qualify for a 30% upgrade discount to the Acme Hub 2.
`;

export const legacyMigration = `Migration notes, v1 hub to Hub 2

- Export automations from the v1 app (Settings > Backup) as a .acme file.
- Import on Hub 2 during setup; door and motion sensors pair automatically.
- Cameras from the v1 era are not supported on Hub 2.
`;

/** What code interpreter wrote for the Inventory Forecaster (purpose assistants_output). */
export const stockoutForecastCsv = `sku,warehouse,on_hand,daily_demand,days_to_stockout,reorder_by
AC-HUB-200,Rotterdam,412,31.5,13,2026-12-09
AC-HUB-200,Reno,96,18.2,5,2026-12-02
AC-SENSE-10,Rotterdam,1880,64.0,29,2026-12-24
AC-SENSE-10,Reno,240,41.7,5,2026-12-02
AC-PLUG-3,Reno,57,9.9,5,2026-12-02
`;
