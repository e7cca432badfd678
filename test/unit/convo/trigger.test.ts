// The trigger's webhook lifecycle with plain objects as static data (as n8n's own node tests
// do), against the real Convo simulator for the registration calls.
import { createHmac, randomUUID } from 'node:crypto';

import { ConvoTrigger } from '../../../nodes/Convo/ConvoTrigger.node';
import { sealSecret } from '../../../nodes/shared/webhookAuth';
import { FULL_TOKEN } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createConvoSimulator } = require('../../simulators/convo/server');

const HOOK_URL = 'https://n8n.example.com/webhook/abc/webhook';

function hookContext(sim: { url: string }, staticData: Record<string, unknown>, events = ['lead.created']) {
	const node = { name: 'Convo Trigger', type: 'convoTrigger', credentials: { convoApi: { id: 'c1', name: 'c' } } };
	return {
		getNode: () => node,
		getNodeParameter: (name: string, fallback?: unknown) => ({ events, customEvents: '' } as Record<string, unknown>)[name] ?? fallback,
		getNodeWebhookUrl: () => HOOK_URL,
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => ({ apiToken: FULL_TOKEN, baseUrl: `${sim.url}/api/v1` }),
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: { method: string; baseURL: string; url: string; body?: unknown }) {
				const res = await fetch(`${options.baseURL}${options.url}`, {
					method: options.method,
					headers: { authorization: `Bearer ${FULL_TOKEN}`, 'content-type': 'application/json' },
					body: options.body ? JSON.stringify(options.body) : undefined,
				});
				return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
			},
		},
	};
}

function webhookContext(
	staticData: Record<string, unknown>,
	rawBody: string | undefined,
	headers: Record<string, string>,
	events = ['lead.created'],
	options: { apiToken?: string; ignoreDuplicates?: boolean } = {},
) {
	const response = { statusCode: 0, body: undefined as unknown, status(code: number) { this.statusCode = code; return this; }, end() { return this; }, json(b: unknown) { this.body = b; return this; } };
	const warnings: string[] = [];
	return {
		response,
		warnings,
		context: {
			getNode: () => ({ name: 'Convo Trigger', credentials: { convoApi: { id: 'c1', name: 'c' } } }),
			// A workflow of its own per request: this process's delivery memory is tested in webhookAuth.test.ts.
			getWorkflow: () => ({ id: randomUUID() }),
			getCredentials: async () => ({ apiToken: options.apiToken ?? FULL_TOKEN }),
			logger: { warn: (message: string) => warnings.push(message) },
			getWorkflowStaticData: () => staticData,
			getNodeParameter: (name: string, fallback?: unknown) => ({ events, customEvents: 'custom.event', ignoreDuplicates: options.ignoreDuplicates } as Record<string, unknown>)[name] ?? fallback,
			getRequestObject: () => ({ rawBody: rawBody === undefined ? undefined : Buffer.from(rawBody) }),
			getResponseObject: () => response,
			getHeaderData: () => headers,
		},
	};
}

describe('Convo Trigger › lifecycle and delivery checks', () => {
	const sim = createConvoSimulator();
	const trigger = new ConvoTrigger();
	const methods = trigger.webhookMethods.default;
	beforeAll(async () => sim.listen());
	beforeEach(() => sim.reset());
	afterAll(async () => sim.close());

	it('subscribes once, stores id and secret, and reuses them while the subscription exists', async () => {
		const staticData: Record<string, unknown> = {};
		const ctx = hookContext(sim, staticData) as never;
		expect(await methods.checkExists.call(ctx)).toBe(false);
		expect(await methods.create.call(ctx)).toBe(true);
		expect(staticData).toMatchObject({ url: HOOK_URL, events: 'lead.created' });
		// The signing secret Convo issued is kept only sealed: the workflow JSON does not contain it.
		const issued = sim.workspaces()['ws-a'].integrations[0].signingSecret;
		expect(issued).toMatch(/^wh_/);
		expect(staticData.signingSecret).toBeUndefined();
		expect(String(staticData.sealedSecret)).toMatch(/^v1\./);
		expect(JSON.stringify(staticData)).not.toContain(issued);
		expect(await methods.delete.call(ctx)).toBe(true);
		expect(await methods.checkExists.call(ctx)).toBe(true);
		expect(sim.workspaces()['ws-a'].integrations).toHaveLength(1);
	});

	it('subscribes anew when the events change or the subscription was removed in Convo', async () => {
		const staticData: Record<string, unknown> = {};
		await methods.create.call(hookContext(sim, staticData) as never);
		expect(await methods.checkExists.call(hookContext(sim, staticData, ['lead.created', 'conversation.closed']) as never)).toBe(false);
		sim.workspaces()['ws-a'].integrations.length = 0;
		expect(await methods.checkExists.call(hookContext(sim, staticData) as never)).toBe(false);
		expect(staticData.subscriptionId).toBeUndefined();
	});

	const secret = 'wh_known';
	const sealed = () => ({ sealedSecret: sealSecret(FULL_TOKEN, 'convo-signing-secret', secret) });
	const signed = (payload: object, at = Math.floor(Date.now() / 1000), key = secret) => {
		const raw = JSON.stringify(payload);
		return { raw, headers: { 'x-convo-signature': `t=${at},v1=${createHmac('sha256', key).update(`${at}.${raw}`).digest('hex')}` } };
	};

	it('emits a verified, selected event as one item', async () => {
		const { raw, headers } = signed({ id: 'e1', event: 'lead.created', data: { id: 'lead-1' } });
		const { context } = webhookContext(sealed(), raw, headers);
		const result = await trigger.webhook.call(context as never);
		expect(result.workflowData).toEqual([[{ json: { id: 'e1', event: 'lead.created', data: { id: 'lead-1' }, eventId: 'e1' } }]]);
	});

	it('accepts an event typed under Other Events', async () => {
		const { raw, headers } = signed({ event: 'custom.event' });
		const { context } = webhookContext(sealed(), raw, headers);
		expect((await trigger.webhook.call(context as never)).workflowData).toHaveLength(1);
	});

	it.each([
		['a wrong secret', () => signed({ event: 'lead.created' }, undefined, 'wh_other'), 401],
		['a stale timestamp', () => signed({ event: 'lead.created' }, Math.floor(Date.now() / 1000) - 400), 401],
		['no signature', () => ({ raw: '{"event":"lead.created"}', headers: {} }), 401],
		['an empty body', () => ({ raw: '', headers: {} }), 401],
		['a signed non-JSON body', () => { const s = signed({}); const at = /t=(\d+)/.exec(s.headers['x-convo-signature'])![1]; return { raw: 'not json', headers: { 'x-convo-signature': `t=${at},v1=${createHmac('sha256', secret).update(`${at}.not json`).digest('hex')}` } }; }, 400],
		['an oversized body', () => ({ raw: 'x'.repeat(1024 * 1024 + 1), headers: {} }), 413],
	])('answers %s with %s and starts nothing', async (_name, make, status) => {
		const { raw, headers } = make();
		const { context, response } = webhookContext(sealed(), raw, headers);
		const result = await trigger.webhook.call(context as never);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(status);
	});

	it('answers 401 when the trigger holds no secret, and 200 without a run for unselected events', async () => {
		const unregistered = webhookContext({}, '{}', {});
		expect(await trigger.webhook.call(unregistered.context as never)).toEqual({ noWebhookResponse: true });
		expect(unregistered.response.statusCode).toBe(401);
		const { raw, headers } = signed({ event: 'conversation.closed' });
		const other = webhookContext(sealed(), raw, headers);
		expect(await trigger.webhook.call(other.context as never)).toEqual({ noWebhookResponse: true });
		expect(other.response.statusCode).toBe(200);
	});

	it('runs a delivery once: a replay, or a retry of the same event with a new signature, gets 200 and no run', async () => {
		const stored = sealed();
		const first = signed({ id: 'evt-7', event: 'lead.created', data: { id: 'lead-7' } });
		expect((await trigger.webhook.call(webhookContext(stored, first.raw, first.headers).context as never)).workflowData).toHaveLength(1);
		const replay = webhookContext(stored, first.raw, first.headers);
		expect(await trigger.webhook.call(replay.context as never)).toEqual({ noWebhookResponse: true });
		expect(replay.response.statusCode).toBe(200);
		expect(replay.response.body).toEqual({ received: true, ignored: 'delivery evt-7 was already accepted' });
		const retry = signed({ id: 'evt-7', event: 'lead.created', data: { id: 'lead-7' } }, Math.floor(Date.now() / 1000) - 5);
		expect(await trigger.webhook.call(webhookContext(stored, retry.raw, retry.headers).context as never)).toEqual({ noWebhookResponse: true });
		// The memory holds hashes, not bodies or ids.
		expect(JSON.stringify(stored)).not.toContain('evt-7');
		// With the option off, the same delivery runs again.
		expect((await trigger.webhook.call(webhookContext(stored, first.raw, first.headers, undefined, { ignoreDuplicates: false }).context as never)).workflowData).toHaveLength(1);
	});

	it('keys a delivery without an event id by its signature', async () => {
		const stored = sealed();
		const { raw, headers } = signed({ event: 'lead.created' });
		const [[item]] = (await trigger.webhook.call(webhookContext(stored, raw, headers).context as never)).workflowData!;
		expect(item.json.eventId).toMatch(/^sig_[0-9a-f]{32}$/);
		expect(await trigger.webhook.call(webhookContext(stored, raw, headers).context as never)).toEqual({ noWebhookResponse: true });
	});

	it('upgrades a plain signing secret left by an older version: still verifies, then only the sealed one is kept', async () => {
		const stored: Record<string, unknown> = { subscriptionId: 'old', signingSecret: secret };
		const { raw, headers } = signed({ id: 'e-up', event: 'lead.created' });
		expect((await trigger.webhook.call(webhookContext(stored, raw, headers).context as never)).workflowData).toHaveLength(1);
		expect(stored.signingSecret).toBeUndefined();
		expect(JSON.stringify(stored)).not.toContain(secret);
		const next = signed({ id: 'e-up-2', event: 'lead.created' });
		expect((await trigger.webhook.call(webhookContext(stored, next.raw, next.headers).context as never)).workflowData).toHaveLength(1);
	});

	it('after the API token changes, says to re-activate, and re-activation subscribes afresh', async () => {
		const staticData: Record<string, unknown> = {};
		await methods.create.call(hookContext(sim, staticData) as never);
		const issued = sim.workspaces()['ws-a'].integrations[0].signingSecret;
		const { raw, headers } = signed({ id: 'e-rot', event: 'lead.created' }, undefined, issued);
		const rotated = webhookContext(staticData, raw, headers, undefined, { apiToken: 'convo_' + 'f'.repeat(32) });
		expect(await trigger.webhook.call(rotated.context as never)).toEqual({ noWebhookResponse: true });
		expect(rotated.response.statusCode).toBe(401);
		expect(JSON.stringify(rotated.response.body)).toMatch(/re-activate the workflow/);
		expect(rotated.warnings.join()).toMatch(/re-activate the workflow/);
		const rotatedHook = { ...hookContext(sim, staticData), getCredentials: async () => ({ apiToken: 'convo_' + 'f'.repeat(32), baseUrl: `${sim.url}/api/v1` }) };
		expect(await methods.checkExists.call(rotatedHook as never)).toBe(false);
	});
});
