// Errors keep their detail: Continue On Fail items carry the provider's field messages, HTTP
// status and request ID; hints follow each provider's own meaning of a status code; as an
// AI-agent tool the message carries the explanation; ` [item N]` only where there are several.
import { randomUUID } from 'node:crypto';

import { convoSuite } from '../convo/setup';
import { raiaSuite, rl } from '../raia/setup';
import { CONTACTS_READ_KEY, timelySuite } from '../timely/setup';
import { velentsSuite } from '../velents/setup';
import { voxSuite } from '../voxstack/setup';

describe('error items keep the provider detail (Continue On Fail)', () => {
	describe('Velents', () => {
		const velents = velentsSuite();

		it('a 422 keeps the field messages of the errors map', async () => {
			await velents.control('faults', { path: 'Tickets', status: 422, body: { message: 'The given data was invalid.', errors: { subject: ['The subject has already been taken.'] } } });
			const { items, error } = await velents.run(
				{ authentication: 'velentsSupportApi', resource: 'ticket', operation: 'create', subject: 'Order 1212', message: 'Crushed box' },
				{ continueOnFail: true },
			);
			expect(error).toBeUndefined();
			expect(items).toEqual([{ json: { error: 'Velents: Invalid subject', details: { description: 'subject: The subject has already been taken.', httpCode: '422' } }, pairedItem: { item: 0 } }]);
		});
	});

	describe('Velents, error output', () => {
		const velents = velentsSuite();

		it('the detailed error item still goes to the error output', async () => {
			await velents.control('faults', { path: 'Tickets', status: 422, body: { message: 'The given data was invalid.', errors: { subject: ['The subject has already been taken.'] } } });
			const { task } = await velents.run(
				{ authentication: 'velentsSupportApi', resource: 'ticket', operation: 'create', subject: 'Order 1212', message: 'Crushed box' },
				{ errorOutput: true, items: [{ json: {} }] },
			);
			const [success, failed] = task.data?.main ?? [];
			expect(success ?? []).toHaveLength(0);
			// `error` and `message` only: the one shape n8n 1.x and 2.x both send to the error output.
			expect(failed?.map((i) => i.json)).toEqual([{ error: 'Velents: Invalid subject', message: 'subject: The subject has already been taken. · HTTP 422' }]);
		});
	});

	describe('VoxStack', () => {
		const vox = voxSuite();

		it('keeps the request ID VoxStack gives', async () => {
			await vox.control('faults', { path: '/tasks/', status: 404, body: { success: false, error: 'Task not found', meta: { request_id: 'req-7f3a' } } });
			const { items } = await vox.run({ resource: 'task', operation: 'get', taskId: randomUUID() }, { continueOnFail: true });
			expect(items[0].json).toMatchObject({ error: 'VoxStack: Task not found', details: { httpCode: '404', requestId: 'req-7f3a' } });
		});
	});

	describe('Convo', () => {
		const convo = convoSuite();

		it('keeps the request ID Convo gives with a 5xx, one error item per failed input item', async () => {
			await convo.control('faults', { method: 'POST', path: '/leads', status: 500, body: { statusCode: 500, message: 'Internal server error', requestId: 'cv-req-42' }, remaining: 2 });
			const { items } = await convo.run(
				{ resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '{"name":"Ana"}' },
				{ continueOnFail: true, items: [{ json: {} }, { json: {} }] },
			);
			expect(items).toHaveLength(2);
			for (const [index, item] of items.entries()) {
				expect(item).toMatchObject({ json: { error: 'Convo: Internal server error', details: { httpCode: '500', requestId: 'cv-req-42' } }, pairedItem: { item: index } });
			}
		});
	});
});

describe('error items keep the provider detail (Continue On Fail), raia and Timely AI', () => {
	describe('raia', () => {
		const raia = raiaSuite(50);

		it('a 404 keeps the details list', async () => {
			const { items } = await raia.run({ authentication: 'raiaAgentApi', resource: 'user', operation: 'get', userId: rl('no-such-user') }, { continueOnFail: true });
			expect(items[0].json).toEqual({ error: 'raia: ENTITY_NOT_FOUND (ENTITY_NOT_FOUND_ERROR)', details: { description: expect.stringContaining('entity: ConversationUser'), httpCode: '404' } });
		});
	});

	describe('Timely AI', () => {
		const timely = timelySuite();

		it('a 403 keeps the hint about the missing scope', async () => {
			timely.credentials.timelyAiApi.apiKey = CONTACTS_READ_KEY;
			const { items } = await timely.run({ resource: 'contact', operation: 'create', customer_name: 'Ana' }, { continueOnFail: true });
			expect(items[0].json).toMatchObject({ error: expect.stringMatching(/^Timely AI: /), details: { httpCode: '403', description: expect.stringContaining('missing scope') } });
		});
	});
});

describe('status hints per provider', () => {
	const raia = raiaSuite(50);

	it('raia: a 403 is an invalid key per its document, not "valid but lacks permission"', async () => {
		raia.credentials.raiaAgentApi.secretKey = 'raia-agent-key-revoked-000000000';
		const { error } = await raia.run({ authentication: 'raiaAgentApi', resource: 'agent', operation: 'get' });
		expect(error?.httpCode).toBe('403');
		expect(error?.description).toMatch(/rejected the secret key: it is invalid/);
		expect(error?.description).not.toMatch(/lacks permission/);
	});
});

describe('messages an AI agent can act on', () => {
	const convo = convoSuite();

	it('as a tool, the message carries the explanation; in a workflow it stays in the description', async () => {
		const parameters = { resource: 'conversation', operation: 'get', conversationId: rl(randomUUID()) };
		const plain = await convo.run(parameters);
		expect(plain.error?.message).toMatch(/^Convo: /);
		expect(plain.error?.description).toBe('The resource does not exist, or belongs to another workspace.');
		expect(plain.error?.message).not.toContain(plain.error?.description);
		const tool = await convo.run(parameters, { tool: true });
		expect(tool.error?.message).toBe(`${plain.error?.message} — The resource does not exist, or belongs to another workspace.`);
	});

	it('names the item only when there are several', async () => {
		const parameters = { resource: 'conversation', operation: 'reply', conversationId: rl(randomUUID()), content: '={{ $json.text }}' };
		const one = await convo.run(parameters, { items: [{ json: { text: ' ' } }] });
		expect(one.error?.message).toBe('Message must not be empty');
		const several = await convo.run(parameters, { items: [{ json: { text: 'Hi' } }, { json: { text: ' ' } }], continueOnFail: true });
		expect(several.items[1].json.error).toBe('Message must not be empty [item 1]');
	});
});

describe('VoxStack error text', () => {
	it('an object in `error` reads as its message, never "[object Object]"', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { voxStackSpec } = require('../../../nodes/VoxStack/api');
		expect(voxStackSpec.parseError({ error: { code: 'BAD', message: 'phone is invalid' } }, 400).message).toBe('phone is invalid');
		expect(voxStackSpec.parseError({ error: 'Task not found' }, 404).message).toBe('Task not found');
		expect(voxStackSpec.parseError({}, 502).message).toBe('HTTP 502');
	});
});
