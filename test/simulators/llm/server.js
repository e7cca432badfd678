'use strict';
// A scripted OpenAI-compatible model: the `/v1/chat/completions` and `/v1/models` endpoints that
// n8n's OpenAI Chat Model node (and its credential test) call, with no real model behind them.
// A script is chosen by a phrase in the latest user message; its steps are played in order,
// one per model turn: the n-th turn is the n-th step, counted from the assistant messages the
// request already carries, so the simulator keeps no conversation state of its own.
//   { call: 'Tool_Name', args: {...} | (results, said) => ({...}) }   → a tool_calls answer
//   { say: 'text' | (results, said) => 'text' }                       → the final text answer
// A step may also be a function (results, said) => step, to branch on what came back.
// `results` are the tool messages of the request so far (content parsed as JSON where it is);
// `said` is the latest user message.
const { randomUUID } = require('node:crypto');

const { createSimulator } = require('../shared/server');

const DEFAULT_KEYS = { 'sk-sim-0123456789abcdef': 'scripted-model' };
const MODELS = ['gpt-4o-mini', 'gpt-4.1-mini'];

function errorBody(status, message, extra = {}) {
	return { error: { message, type: status === 401 ? 'invalid_request_error' : 'api_error', code: status === 401 ? 'invalid_api_key' : null, ...extra } };
}

const parse = (text) => {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
};

/** The text of a message's content, whether a string or an array of content parts. */
function textOf(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : part?.text ?? '')).join('');
	return '';
}

function createLlmSimulator({ keys = DEFAULT_KEYS } = {}) {
	const scripts = [];
	/** Every chat completion request as received, with the answer given. */
	const calls = [];

	function pickScript(messages) {
		const lastUser = [...messages].reverse().find((m) => m.role === 'user');
		const said = textOf(lastUser?.content);
		return scripts.find((s) => said.includes(s.when)) ?? scripts.find((s) => s.when === '');
	}

	/** The assistant message for this turn, or an error the test will see in the recorded call. */
	function answer(body) {
		const messages = Array.isArray(body.messages) ? body.messages : [];
		const script = pickScript(messages);
		if (!script) return { error: 'no script matches the last user message' };
		const lastUser = messages.map((m) => m.role).lastIndexOf('user');
		const turn = messages.slice(lastUser + 1).filter((m) => m.role === 'assistant').length;
		const results = messages.slice(lastUser + 1).filter((m) => m.role === 'tool').map((m) => ({ toolCallId: m.tool_call_id, content: parse(textOf(m.content)) }));
		const said = textOf(messages[lastUser]?.content);
		const planned = script.steps[Math.min(turn, script.steps.length - 1)];
		const step = typeof planned === 'function' ? planned(results, said) : planned;
		if (step.call) {
			const tools = (body.tools ?? []).map((t) => t.function?.name);
			if (!tools.includes(step.call)) return { error: `tool ${step.call} is not offered; offered: ${tools.join(', ')}` };
			const args = typeof step.args === 'function' ? step.args(results, said) : step.args;
			return { message: { role: 'assistant', content: null, tool_calls: [{ id: `call_${randomUUID().slice(0, 8)}`, type: 'function', function: { name: step.call, arguments: JSON.stringify(args) } }] }, finish: 'tool_calls' };
		}
		return { message: { role: 'assistant', content: typeof step.say === 'function' ? step.say(results, said) : String(step.say) }, finish: 'stop' };
	}

	/** One SSE stream with the same answer split into the deltas the OpenAI protocol uses. */
	function stream(id, model, message, finish) {
		const chunk = (delta, finishReason = null) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
		let out = chunk({ role: 'assistant', content: '' });
		if (message.tool_calls) {
			message.tool_calls.forEach((call, index) => {
				out += chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] });
				out += chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] });
			});
		} else {
			for (const piece of message.content.match(/[\s\S]{1,40}/g) ?? []) out += chunk({ content: piece });
		}
		out += chunk({}, finish);
		out += `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`;
		return `${out}data: [DONE]\n\n`;
	}

	const sim = createSimulator({
		name: 'llm',
		errorBody,
		authenticate(req) {
			const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
			if (!token || !keys[token]) throw sim.fail(401, 'Incorrect API key provided');
			return { id: keys[token] };
		},
		routes: [
			{ method: 'GET', path: '/v1/models', handler: () => ({ object: 'list', data: MODELS.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'simulator' })) }) },
			{
				method: 'POST',
				path: '/v1/chat/completions',
				handler: ({ body }) => {
					if (!body || !Array.isArray(body.messages)) throw sim.fail(400, 'messages is required');
					const result = answer(body);
					calls.push({ body, ...result });
					if (result.error) throw sim.fail(400, result.error);
					const id = `chatcmpl-${randomUUID()}`;
					const model = body.model ?? MODELS[0];
					if (body.stream) {
						return sim.response(200, Buffer.from(stream(id, model, result.message, result.finish)), { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
					}
					return {
						id,
						object: 'chat.completion',
						created: Math.floor(Date.now() / 1000),
						model,
						choices: [{ index: 0, message: result.message, finish_reason: result.finish, logprobs: null }],
						usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
					};
				},
			},
		],
		onReset: () => {
			scripts.length = 0;
			calls.length = 0;
		},
	});

	return Object.assign(sim, {
		calls,
		/** Plays `steps` whenever the latest user message contains `when` ('' = any message). */
		script(when, steps) {
			scripts.unshift({ when, steps });
		},
		/** The recorded requests of the conversation that started with a message containing `when`. */
		callsFor(when) {
			return calls.filter((c) => textOf([...c.body.messages].reverse().find((m) => m.role === 'user')?.content).includes(when));
		},
	});
}

module.exports = { createLlmSimulator, DEFAULT_KEYS, MODELS };
