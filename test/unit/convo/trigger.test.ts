// The trigger's webhook lifecycle with plain objects as static data (as n8n's own node tests
// do), against the real Convo simulator for the registration calls.
import { createHmac } from 'node:crypto';

import { ConvoTrigger } from '../../../nodes/Convo/ConvoTrigger.node';
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

function webhookContext(staticData: Record<string, unknown>, rawBody: string | undefined, headers: Record<string, string>, events = ['lead.created']) {
	const response = { statusCode: 0, body: undefined as unknown, status(code: number) { this.statusCode = code; return this; }, json(b: unknown) { this.body = b; return this; } };
	return {
		response,
		context: {
			getWorkflowStaticData: () => staticData,
			getNodeParameter: (name: string, fallback?: unknown) => ({ events, customEvents: 'custom.event' } as Record<string, unknown>)[name] ?? fallback,
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
		expect(String(staticData.signingSecret)).toMatch(/^wh_/);
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
	const signed = (payload: object, at = Math.floor(Date.now() / 1000), key = secret) => {
		const raw = JSON.stringify(payload);
		return { raw, headers: { 'x-convo-signature': `t=${at},v1=${createHmac('sha256', key).update(`${at}.${raw}`).digest('hex')}` } };
	};

	it('emits a verified, selected event as one item', async () => {
		const { raw, headers } = signed({ id: 'e1', event: 'lead.created', data: { id: 'lead-1' } });
		const { context } = webhookContext({ signingSecret: secret }, raw, headers);
		const result = await trigger.webhook.call(context as never);
		expect(result.workflowData).toEqual([[{ json: { id: 'e1', event: 'lead.created', data: { id: 'lead-1' } } }]]);
	});

	it('accepts an event typed under Other Events', async () => {
		const { raw, headers } = signed({ event: 'custom.event' });
		const { context } = webhookContext({ signingSecret: secret }, raw, headers);
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
		const { context, response } = webhookContext({ signingSecret: secret }, raw, headers);
		const result = await trigger.webhook.call(context as never);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(status);
	});

	it('answers 401 when the trigger holds no secret, and 200 without a run for unselected events', async () => {
		const unregistered = webhookContext({}, '{}', {});
		expect(await trigger.webhook.call(unregistered.context as never)).toEqual({ noWebhookResponse: true });
		expect(unregistered.response.statusCode).toBe(401);
		const { raw, headers } = signed({ event: 'conversation.closed' });
		const other = webhookContext({ signingSecret: secret }, raw, headers);
		expect(await trigger.webhook.call(other.context as never)).toEqual({ noWebhookResponse: true });
		expect(other.response.statusCode).toBe(200);
	});
});
