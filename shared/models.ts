/**
 * Models an assistant can run on: chat (and reasoning) models. A models list also holds embeddings,
 * speech, transcription, image and moderation models, which an assistant's `model` refuses, so the
 * pickers leave them out. Fine-tuned chat models (`ft:gpt-…`) stay.
 */
const NOT_CHAT =
  /(embedding|whisper|tts|dall-e|gpt-image|moderation|transcribe|realtime|audio|search|^babbage|^davinci|^text-)/i;

export function isChatModel(id: string): boolean {
  return !NOT_CHAT.test(id.replace(/^ft:/, ''));
}

export function chatModels(ids: readonly string[]): string[] {
  return ids.filter(isChatModel);
}

/** Reasoning models (o-series, gpt-5…) take `reasoning_effort`; other chat models refuse it. */
export function isReasoningModel(id: string): boolean {
  return /^(o\d|gpt-5)/i.test(id.replace(/^ft:/, ''));
}
