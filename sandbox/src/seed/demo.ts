import * as docs from './documents.ts';
import type { SeedAssistant, SeedObject } from './types.ts';

/** The fine-tuned model only Acme Production owns; Staging lacks it, so clone model mapping has work to do. */
export const demoFineTunedModel = 'ft:gpt-4o-mini-2024-07-18:acme:quotes:AbC123xy';

const createTicket = {
  type: 'function',
  function: {
    name: 'create_ticket',
    description: 'Open a support ticket in the helpdesk.',
    strict: true,
    parameters: {
      type: 'object',
      properties: {
        subject: { type: 'string', description: 'One-line summary' },
        priority: { type: 'string', enum: ['low', 'normal', 'high', 'urgent'] },
        customer_email: { type: 'string' },
      },
      required: ['subject', 'priority', 'customer_email'],
      additionalProperties: false,
    },
  },
};

const lookupOrder = {
  type: 'function',
  function: {
    name: 'lookup_order',
    description: 'Fetch an order by its number.',
    parameters: {
      type: 'object',
      properties: { order_number: { type: 'string', pattern: '^AC-[0-9]{6}$' } },
      required: ['order_number'],
    },
  },
};

const issueRefund = {
  type: 'function',
  function: {
    name: 'issue_refund',
    description: 'Refund an order, fully or partly.',
    strict: true,
    parameters: {
      type: 'object',
      properties: {
        order_number: { type: 'string' },
        amount_usd: { type: 'number', minimum: 0 },
        reason: { type: 'string', enum: ['defective', 'not_delivered', 'changed_mind', 'goodwill'] },
      },
      required: ['order_number', 'amount_usd', 'reason'],
      additionalProperties: false,
    },
  },
};

const refundDecision = {
  type: 'json_schema',
  json_schema: {
    name: 'refund_decision',
    strict: true,
    schema: {
      type: 'object',
      properties: { approve: { type: 'boolean' }, amount_usd: { type: 'number' }, explanation: { type: 'string' } },
      required: ['approve', 'amount_usd', 'explanation'],
      additionalProperties: false,
    },
  },
};

const quoteFormat = {
  type: 'json_schema',
  json_schema: {
    name: 'quote',
    description: 'A priced quote ready for the CRM.',
    strict: true,
    schema: {
      type: 'object',
      properties: {
        lines: {
          type: 'array',
          items: {
            type: 'object',
            properties: { sku: { type: 'string' }, quantity: { type: 'integer' }, unit_price_usd: { type: 'number' } },
            required: ['sku', 'quantity', 'unit_price_usd'],
            additionalProperties: false,
          },
        },
        discount_percent: { type: 'number' },
        total_usd: { type: 'number' },
      },
      required: ['lines', 'discount_percent', 'total_usd'],
      additionalProperties: false,
    },
  },
};

const simpleFunction = (
  name: string,
  description: string,
  properties: Record<string, unknown>,
  required: string[],
) => ({
  type: 'function',
  function: { name, description, parameters: { type: 'object', properties, required } },
});

/** Sixteen metadata pairs: exactly at the limit, so a clone that adds `cloned_from` must make room. */
const fullMetadata = Object.fromEntries(
  Array.from({ length: 16 }, (_, index) => [
    `label_${String(index + 1).padStart(2, '0')}`,
    `release-train-${index + 1}`,
  ]),
);

function productionAssistants(): SeedAssistant[] {
  return [
    {
      name: 'Support Triage',
      model: 'gpt-4o',
      description: 'First line of customer support; opens tickets.',
      instructions:
        'You triage Acme support requests. Search the knowledge base before answering. Use Python on the product catalog for price and stock questions. Open a ticket when a human must follow up.',
      tools: [{ type: 'file_search' }, { type: 'code_interpreter' }, createTicket],
      fileSearchVectorStores: ['support-kb'],
      codeInterpreterFiles: ['catalog'],
      temperature: 0.3,
      metadata: { team: 'support', owner: 'dana@acme.example', tier: 'production' },
      ageDays: 120,
    },
    {
      name: 'Refund Assistant',
      model: 'gpt-4o-mini',
      description: 'Decides refunds within policy.',
      instructions: 'Apply the refund policy strictly. Goodwill refunds above USD 250 need a manager.',
      tools: [{ type: 'file_search' }, lookupOrder, issueRefund],
      fileSearchVectorStores: ['support-kb'],
      response_format: refundDecision,
      temperature: 0.2,
      top_p: 0.9,
      metadata: { team: 'support', policy_version: '2026-09' },
      ageDays: 95,
    },
    {
      name: 'Data Analyst',
      model: 'gpt-4.1',
      description: 'Answers questions about sales, inventory and churn data.',
      instructions:
        'Use Python to analyse the attached CSV and JSON files. Show the code you ran and a short conclusion.',
      tools: [{ type: 'code_interpreter' }],
      codeInterpreterFiles: ['sales-csv', 'inventory-csv', 'churn-json'],
      temperature: 0.2,
      metadata: { team: 'analytics' },
      ageDays: 80,
    },
    {
      name: 'Engineering Onboarding Buddy',
      model: 'gpt-4.1-mini',
      instructions: 'Help new engineers find their way using the engineering handbook. Link the document you used.',
      tools: [{ type: 'file_search', file_search: { max_num_results: 8 } }],
      fileSearchVectorStores: ['eng-handbook'],
      metadata: { team: 'platform' },
      ageDays: 60,
    },
    {
      name: 'Incident Commander',
      model: 'o3-mini',
      description: 'Coordinates incident response.',
      instructions:
        'Run the incident process: assess impact, page the owning team, keep a timeline, draft the postmortem.',
      tools: [
        { type: 'file_search' },
        simpleFunction(
          'page_oncall',
          'Page the on-call engineer of a service.',
          { service: { type: 'string' }, severity: { type: 'string', enum: ['sev1', 'sev2', 'sev3'] } },
          ['service', 'severity'],
        ),
      ],
      fileSearchVectorStores: ['eng-handbook'],
      reasoning_effort: 'high',
      metadata: { team: 'sre', escalation: 'sev1' },
      ageDays: 45,
    },
    {
      name: 'Sales Coach',
      model: 'gpt-4o',
      instructions:
        'Coach account executives on pricing, objections and competitors. Never promise discounts beyond policy.',
      tools: [
        {
          type: 'file_search',
          file_search: { max_num_results: 5, ranking_options: { ranker: 'auto', score_threshold: 0.2 } },
        },
      ],
      fileSearchVectorStores: ['sales-enablement'],
      temperature: 0.8,
      metadata: { team: 'sales', region: 'emea' },
      ageDays: 40,
    },
    {
      name: 'Quote Builder',
      model: demoFineTunedModel,
      description: 'Fine-tuned to write Acme quotes.',
      instructions: 'Build a priced quote. Apply education and volume discounts from the price list.',
      tools: [
        simpleFunction(
          'get_price_list',
          'Current list prices by SKU.',
          { currency: { type: 'string', enum: ['USD', 'EUR'] } },
          ['currency'],
        ),
        simpleFunction(
          'create_quote',
          'Save the quote in the CRM.',
          { account_id: { type: 'string' }, total_usd: { type: 'number' } },
          ['account_id', 'total_usd'],
        ),
      ],
      response_format: quoteFormat,
      temperature: 0,
      metadata: { team: 'sales', model_owner: 'ml-platform' },
      ageDays: 30,
    },
    {
      name: 'Contract Summarizer',
      model: 'gpt-4.1',
      instructions: `Summarise contracts for the legal team as JSON with keys parties, term, renewal, liability_cap, unusual_clauses.\n\n${'Flag anything that departs from the Acme standard terms. '.repeat(20)}`,
      response_format: { type: 'json_object' },
      temperature: 0,
      metadata: { team: 'legal' },
      ageDays: 25,
    },
    {
      name: 'Translation Helper',
      model: 'gpt-4o-mini',
      instructions:
        'Translate customer messages between English, German, Dutch and Spanish. Keep product names in English.',
      temperature: 0.7,
      top_p: 0.9,
      ageDays: 20,
    },
    {
      name: 'Inventory Forecaster',
      model: 'gpt-4o',
      instructions: 'Forecast stock-outs from the inventory snapshot and live inventory.',
      tools: [
        { type: 'code_interpreter' },
        simpleFunction(
          'fetch_inventory',
          'Live stock for a SKU and warehouse.',
          { sku: { type: 'string' }, warehouse: { type: 'string', enum: ['Rotterdam', 'Reno'] } },
          ['sku'],
        ),
      ],
      codeInterpreterFiles: ['inventory-csv', 'forecast-output'],
      metadata: { team: 'operations' },
      ageDays: 12,
    },
    {
      name: 'Support KB Q&A',
      model: 'gpt-4.1-mini',
      description: 'Answers from the support knowledge base only.',
      instructions: 'Answer only from the knowledge base. If it has no answer, say so.',
      tools: [{ type: 'file_search', file_search: { max_num_results: 5 } }],
      fileSearchVectorStores: ['support-kb'],
      metadata: { team: 'support', channel: 'web-chat' },
      ageDays: 6,
    },
    {
      name: 'Release Notes Writer',
      model: 'gpt-4.1',
      instructions: 'Turn merged pull requests into customer-facing release notes grouped by feature.',
      tools: [
        simpleFunction(
          'get_merged_prs',
          'Pull requests merged since a tag.',
          { since_tag: { type: 'string' }, repo: { type: 'string' } },
          ['since_tag', 'repo'],
        ),
      ],
      metadata: fullMetadata,
      ageDays: 3,
    },
    { name: null, model: 'gpt-4o-mini', instructions: null, ageDays: 1 },
  ];
}

/**
 * The demo organizations: a busy production org, an empty staging org to clone into, and a legacy
 * cloud whose Assistants API is retired (as api.openai.com's is) while vector stores, files and agents work.
 */
export function demoSeed(): SeedObject {
  const support = { department: 'support', language: 'en' };
  return {
    // One admin key reaches all three as projects of the organization "Acme" (the Admin API, issue 17).
    organizations: [
      {
        name: 'Acme',
        projects: [{ tenant: 'Acme Production' }, { tenant: 'Acme Staging' }, { tenant: 'Legacy Cloud' }],
      },
    ],
    tenants: [
      {
        name: 'Acme Production',
        models: [
          'gpt-4o',
          'gpt-4o-mini',
          'gpt-4.1',
          'gpt-4.1-mini',
          'o3-mini',
          'text-embedding-3-small',
          'text-embedding-3-large',
          demoFineTunedModel,
        ],
        files: [
          {
            ref: 'refund-policy',
            filename: 'refund-policy.md',
            purpose: 'assistants',
            content: docs.refundPolicy,
            ageDays: 130,
          },
          {
            ref: 'shipping-faq',
            filename: 'shipping-faq.md',
            purpose: 'assistants',
            content: docs.shippingFaq,
            ageDays: 130,
          },
          {
            ref: 'warranty',
            filename: 'warranty-terms.txt',
            purpose: 'assistants',
            content: docs.warrantyTerms,
            ageDays: 128,
          },
          {
            ref: 'troubleshooting',
            filename: 'troubleshooting-guide.md',
            purpose: 'assistants',
            content: docs.troubleshootingGuide,
            ageDays: 90,
          },
          {
            ref: 'catalog',
            filename: 'product-catalog.json',
            purpose: 'assistants',
            content: docs.productCatalog(),
            ageDays: 35,
          },
          {
            ref: 'onboarding',
            filename: 'engineering-onboarding.md',
            purpose: 'assistants',
            content: docs.onboarding,
            ageDays: 70,
          },
          {
            ref: 'runbook',
            filename: 'deploy-runbook.md',
            purpose: 'assistants',
            content: docs.deployRunbook,
            ageDays: 70,
          },
          {
            ref: 'style',
            filename: 'api-style-guide.md',
            purpose: 'assistants',
            content: docs.apiStyleGuide,
            ageDays: 69,
          },
          {
            ref: 'postmortem',
            filename: 'postmortem-2026-03-14.md',
            purpose: 'assistants',
            content: docs.postmortem,
            ageDays: 50,
          },
          { ref: 'retry', filename: 'retry.py', purpose: 'assistants', content: docs.retryPy, ageDays: 48 },
          { ref: 'pricing', filename: 'pricing-2026.md', purpose: 'assistants', content: docs.pricing, ageDays: 42 },
          {
            ref: 'competitors',
            filename: 'competitor-matrix.md',
            purpose: 'assistants',
            content: docs.competitorMatrix,
            ageDays: 42,
          },
          {
            ref: 'customer-faq',
            filename: 'customer-faq.txt',
            purpose: 'assistants',
            content: docs.customerFaq,
            ageDays: 41,
          },
          {
            ref: 'pipeline',
            filename: 'pipeline-2026q4.csv',
            purpose: 'assistants',
            content: docs.pipelineCsv(),
            ageDays: 10,
          },
          {
            ref: 'sales-csv',
            filename: 'sales-q3-2026.csv',
            purpose: 'assistants',
            content: docs.salesCsv(),
            ageDays: 82,
          },
          {
            ref: 'inventory-csv',
            filename: 'inventory-snapshot.csv',
            purpose: 'assistants',
            content: docs.inventoryCsv(),
            ageDays: 14,
          },
          {
            ref: 'churn-json',
            filename: 'churn-cohorts.json',
            purpose: 'assistants',
            content: docs.churnCohorts(),
            ageDays: 81,
          },
          {
            ref: 'eval-batch',
            filename: 'support-eval-batch.jsonl',
            purpose: 'batch',
            content: docs.batchJsonl(),
            ageDays: 9,
          },
          {
            ref: 'fine-tune',
            filename: 'quotes-train.jsonl',
            purpose: 'fine-tune',
            content: docs.fineTuneJsonl(),
            ageDays: 33,
          },
          // What code interpreter wrote in a run, kept on the assistant: downloadable, but no upload may claim its purpose.
          {
            ref: 'forecast-output',
            filename: 'stockout-forecast.csv',
            purpose: 'assistants_output',
            content: docs.stockoutForecastCsv,
            ageDays: 11,
          },
        ],
        // As api.openai.com does at times for a purpose it documents as downloadable.
        refuseDownloadPurposes: ['fine-tune'],
        vectorStores: [
          {
            ref: 'support-kb',
            name: 'Support Knowledge Base',
            metadata: { owner: 'support', source: 'zendesk-export' },
            ageDays: 130,
            files: [
              { file: 'refund-policy', attributes: { ...support, doc_type: 'policy', version: 3, public: true } },
              { file: 'shipping-faq', attributes: { ...support, doc_type: 'faq', version: 5, public: true } },
              { file: 'warranty', attributes: { ...support, doc_type: 'policy', version: 2, public: true } },
              {
                file: 'troubleshooting',
                attributes: { ...support, doc_type: 'guide', version: 7, public: false },
                chunking_strategy: {
                  type: 'static',
                  static: { max_chunk_size_tokens: 400, chunk_overlap_tokens: 100 },
                },
              },
              { file: 'catalog', attributes: { ...support, doc_type: 'catalog', version: 2026.1, public: true } },
            ],
          },
          {
            ref: 'eng-handbook',
            name: 'Engineering Handbook',
            metadata: { owner: 'platform' },
            ageDays: 70,
            files: [
              { file: 'onboarding', attributes: { team: 'platform', doc_type: 'guide' } },
              { file: 'runbook', attributes: { team: 'platform', doc_type: 'runbook', confidential: false } },
              { file: 'style', attributes: { team: 'platform', doc_type: 'standard' } },
              {
                file: 'postmortem',
                attributes: { team: 'sre', doc_type: 'postmortem', severity: 1, confidential: true },
              },
              { file: 'retry', attributes: { team: 'platform', doc_type: 'code', language: 'python' } },
              { file: 'troubleshooting', attributes: { team: 'support', doc_type: 'guide' } },
            ],
          },
          {
            ref: 'sales-enablement',
            name: 'Sales Enablement',
            metadata: { owner: 'sales', region: 'global' },
            expiresAfterDays: 365,
            ageDays: 42,
            files: [
              { file: 'pricing', attributes: { audience: 'sales', doc_type: 'pricing', fiscal_year: 2026 } },
              { file: 'competitors', attributes: { audience: 'sales', doc_type: 'battlecard', confidential: true } },
              { file: 'customer-faq', attributes: { audience: 'sales', doc_type: 'faq' } },
              { file: 'refund-policy', attributes: { audience: 'sales', doc_type: 'policy' } },
              // file_search cannot index CSV: this one is failed with unsupported_file, as upstream.
              { file: 'pipeline', attributes: { audience: 'sales', doc_type: 'data' } },
            ],
          },
        ],
        assistants: productionAssistants(),
      },
      {
        name: 'Acme Staging',
        // Everything Production's assistants use except the fine-tuned model, which exists only in the org
        // that trained it: cloning "Quote Builder" needs a model mapping, as it would for real.
        models: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o3-mini', 'text-embedding-3-small'],
      },
      {
        name: 'Legacy Cloud',
        assistantsRetired: true,
        // As on api.openai.com: the Assistants API is gone, the Agents API (beta) is where assistants go.
        agentsServed: true,
        // Every model Production's assistants use but its fine-tuned one, as api.openai.com would have.
        models: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o3-mini', 'text-embedding-3-small'],
        files: [
          {
            ref: 'archive',
            filename: 'support-archive-2023.md',
            purpose: 'assistants',
            content: docs.legacyArchive,
            ageDays: 700,
          },
          {
            ref: 'migration',
            filename: 'v1-migration-notes.txt',
            purpose: 'user_data',
            content: docs.legacyMigration,
            ageDays: 650,
          },
          {
            ref: 'legacy-batch',
            filename: 'legacy-eval-batch.jsonl',
            purpose: 'batch',
            content: docs.batchJsonl(),
            ageDays: 640,
          },
        ],
        vectorStores: [
          {
            ref: 'legacy-archive',
            name: 'Legacy Support Archive',
            metadata: { owner: 'support', status: 'read-only' },
            ageDays: 700,
            files: [
              { file: 'archive', attributes: { era: 'v1', year: 2023 }, chunking_strategy: { type: 'other' } },
              { file: 'migration', attributes: { era: 'v1', year: 2024 } },
            ],
          },
        ],
        // Hidden while the switch is on; turning it off (control API) shows what the server still holds.
        agents: [
          {
            name: 'Hub Setup Guide',
            model: 'gpt-4.1',
            instructions: 'Walk customers through setting up a v1 hub. Ask for the serial number first.',
            tools: [
              {
                type: 'function',
                name: 'lookup_serial',
                description: 'Find a hub by its serial number.',
                parameters: { type: 'object', properties: { serial: { type: 'string' } }, required: ['serial'] },
              },
            ],
            reasoning: { effort: 'low' },
            metadata: { team: 'support' },
            ageDays: 20,
          },
        ],
        assistants: [
          {
            name: 'Legacy Helpdesk',
            model: 'gpt-4o',
            instructions: 'Answer questions about v1 hubs.',
            tools: [{ type: 'file_search' }],
            fileSearchVectorStores: ['legacy-archive'],
            ageDays: 700,
          },
        ],
      },
    ],
  };
}
