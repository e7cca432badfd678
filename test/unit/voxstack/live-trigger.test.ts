// VoxStack Live Transcript Trigger with the trigger functions n8n hands a trigger() node, against
// the simulator: the manual test stops after its first event, and bad filters fail activation.
import { VoxStackLiveTranscriptTrigger } from '../../../nodes/VoxStack/VoxStackLiveTranscriptTrigger.node';
import { API_KEY } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createVoxStackSimulator } = require('../../simulators/voxstack/server');

// Node 20 (this jest) has no global WebSocket; undici's is the one Node 22+ exposes.
if (typeof WebSocket === 'undefined') {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	Object.assign(globalThis, { WebSocket: require('undici').WebSocket });
}

function triggerContext(sim: { url: string }, mode: 'manual' | 'trigger', parameters: Record<string, unknown>, apiKey = API_KEY) {
	const emitted: unknown[] = [];
	const warnings: string[] = [];
	const node = { name: 'Live', type: 'voxStackLiveTranscriptTrigger', credentials: { voxStackApi: { id: 'v1', name: 'v' } } };
	const context = {
		getNode: () => node,
		getMode: () => mode,
		getNodeParameter: (name: string, fallback?: unknown) => ({ options: { pollInterval: 1 }, ...parameters } as Record<string, unknown>)[name] ?? fallback,
		getCredentials: async () => ({ apiKey, baseUrl: sim.url }),
		emit: (data: Array<Array<{ json: unknown }>>) => emitted.push(data[0][0].json),
		emitError: (error: Error) => warnings.push(error.message),
		logger: { warn: (message: string) => warnings.push(message) },
		helpers: {
			returnJsonArray: (items: object[]) => items.map((json) => ({ json })),
			async httpRequestWithAuthentication(_type: string, options: { method: string; baseURL: string; url: string; qs?: Record<string, unknown> }) {
				const url = new URL(`${options.baseURL}${options.url}`);
				for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
				const res = await fetch(url, { method: options.method, headers: { authorization: `Bearer ${apiKey}` } });
				return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
			},
		},
	};
	return { context: context as never, emitted, warnings };
}

describe('VoxStack Live Transcript Trigger', () => {
	const sim = createVoxStackSimulator();
	const trigger = new VoxStackLiveTranscriptTrigger();
	beforeAll(async () => sim.listen());
	beforeEach(() => sim.reset());
	afterAll(async () => sim.close());
	const until = async (check: () => boolean) => {
		for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
		return check();
	};

	it('manual test: the first matching update is emitted, then every socket closes and polling stops', async () => {
		const call = sim.live.startScriptedCall({ intervalMs: 60, endStatus: 'hold' });
		const { context, emitted, warnings } = triggerContext(sim, 'manual', { match: 'keywords', keywords: 'John' });
		const response = await trigger.trigger.call(context);
		expect(await until(() => emitted.length > 0)).toBe(true);
		expect(emitted[0]).toMatchObject({ call_id: call.call_id, index: 1, role: 'user', message: 'Hi, yes, I am John.' });
		expect(await until(() => sim.live.state().openSockets === 0)).toBe(true);
		const lists = sim.state.requests.filter((r: { path: string }) => r.path === '/api/v1/calls').length;
		await new Promise((r) => setTimeout(r, 1500));
		expect(sim.state.requests.filter((r: { path: string }) => r.path === '/api/v1/calls').length).toBe(lists);
		expect(emitted).toHaveLength(1);
		expect(warnings).toEqual([]);
		await response.closeFunction!();
	});

	it('only the chosen agents, only the caller: the agent’s turns and other agents’ calls start nothing', async () => {
		const [mine, other] = sim.data().agents;
		sim.live.startScriptedCall({ agent_id: other.id, intervalMs: 30 });
		const call = sim.live.startScriptedCall({ agent_id: mine.id, intervalMs: 30 });
		const { context, emitted } = triggerContext(sim, 'trigger', { agentIds: [mine.id], callerOnly: true });
		const response = await trigger.trigger.call(context);
		expect(await until(() => sim.data().calls.every((c: { status: string }) => c.status === 'completed'))).toBe(true);
		await new Promise((r) => setTimeout(r, 200));
		await response.closeFunction!();
		expect(emitted.map((e) => (e as { message: string }).message)).toEqual(['Hi, yes, I am John.', 'Great, thanks!']);
		expect(emitted.every((e) => (e as { call_id: string }).call_id === call.call_id)).toBe(true);
		expect(sim.live.state().openSockets).toBe(0);
	});

	it.each([
		[{ match: 'regex', pattern: '(unclosed' }, /^Regular Expression is not valid/],
		[{ match: 'keywords', keywords: ' , ' }, /^Keywords is empty/],
	])('a bad filter fails activation before anything is sent: %j', async (parameters, message) => {
		const { context } = triggerContext(sim, 'trigger', parameters);
		await expect(trigger.trigger.call(context)).rejects.toThrow(message);
		expect(sim.state.requests).toHaveLength(0);
	});

	it('a wrong API key fails activation with VoxStack’s message, and opens nothing', async () => {
		sim.live.startScriptedCall({ intervalMs: 30, endStatus: 'hold' });
		const { context } = triggerContext(sim, 'trigger', {}, 'va_wrong_key_000000');
		await expect(trigger.trigger.call(context)).rejects.toThrow('VoxStack: Invalid or missing API key');
		expect(sim.live.state().connections).toBe(0);
	});
});
