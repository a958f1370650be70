/* eslint-disable @typescript-eslint/no-explicit-any -- a faithful copy of the user's untyped JavaScript script */
/**
 * A faithful re-implementation of the Node.js cloning script in the user's "Assistant Cloning Guide"
 * (shared/seeds): sequential; lists assistants 100 at a time, retrieves each, creates it in the
 * destination with name, description, model, instructions, tools, response_format, temperature, top_p and
 * metadata (+ cloned_from); no tool resources, files or vector stores. Only BASE and the keys are
 * parameters here, as the script reads them from its environment.
 */
export async function runSeedCloneScript(BASE: string, SRC_KEY: string, DST_KEY: string): Promise<number> {
  async function oai(key: string, path: string, opts: RequestInit = {}): Promise<any> {
    const res = await fetch(`${BASE}${path}`, {
      ...opts,
      headers: {
        Authorization: `Bearer ${key}`,
        'OpenAI-Beta': 'assistants=v2',
        'Content-Type': 'application/json',
        ...((opts.headers as Record<string, string>) || {}),
      },
    });
    if (!res.ok) {
      const txt = await res.text();
      throw new Error(`${res.status} ${res.statusText}: ${txt}`);
    }
    return res.json();
  }

  async function listAllAssistants(key: string): Promise<any[]> {
    const out: any[] = [];
    let after: string | undefined = undefined;
    while (true) {
      const q: URLSearchParams = new URLSearchParams({ limit: '100', ...(after ? { after } : {}) });
      const page = await oai(key, `/assistants?${q.toString()}`, { method: 'GET' });
      out.push(...(page.data || []));
      if (!page.has_more) break;
      after = out[out.length - 1]?.id;
      if (!after) break;
    }
    return out;
  }

  const getAssistant = (key: string, id: string) => oai(key, `/assistants/${id}`, { method: 'GET' });
  const createAssistant = (key: string, payload: unknown) =>
    oai(key, `/assistants`, { method: 'POST', body: JSON.stringify(payload) });

  const list = await listAllAssistants(SRC_KEY);
  let created = 0;
  for (const item of list) {
    const full = await getAssistant(SRC_KEY, item.id);
    const payload = {
      name: full.name,
      description: full.description,
      model: full.model,
      instructions: full.instructions,
      tools: full.tools,
      response_format: full.response_format,
      temperature: full.temperature,
      top_p: full.top_p,
      metadata: { ...(full.metadata || {}), cloned_from: full.id },
      // DO NOT copy tool_resources directly: IDs don't exist in destination
    };
    await createAssistant(DST_KEY, payload);
    created += 1;
  }
  return created;
}
