// Every request-body field the other documents list can be set from the node (raia's OpenAPI
// has its own walk in ../raia/body-fields.test.ts). Timely AI's document lists fields per
// endpoint ("Request body (JSON…):" then "  - name: type"), parsed from a copy of it in
// test/fixtures; VoxStack and Convo list them in prose or examples, extracted into the table
// below. Velents' document lists no request-body fields (its bodies come from its public code),
// so it has no entries. For each field: the operation runs with the parameters a user must
// give, plus the field when it is not sent already, and the simulator's log must show it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeType } from 'n8n-workflow';

import { Convo } from '../../../nodes/Convo/Convo.node';
import { TimelyAi } from '../../../nodes/TimelyAi/TimelyAi.node';
import { VoxStack } from '../../../nodes/VoxStack/VoxStack.node';
import { convoSuite } from '../convo/setup';
import { timelySuite } from '../timely/setup';
import { voxSuite } from '../voxstack/setup';
import type { OperationRef } from './operations';
import { editorPlace, inputItems, operationsOf, shown, validParameters } from './operations';

/** From the VoxStack and Convo documents: [method, documented path, body fields]. */
const TABLE: Record<string, Array<[string, string, string[]]>> = {
	voxstack: [
		['POST', '/agents', ['name', 'system_prompt', 'description', 'starting_message', 'enabled', 'voice_settings', 'dtmf_rules']],
		['PATCH', '/agents/:id', ['name', 'description', 'system_prompt', 'starting_message', 'voice_settings', 'dtmf_rules', 'enabled']],
		['POST', '/tasks', ['agent_id', 'name', 'to_number', 'description', 'starting_message', 'context_data', 'priority', 'scheduled_at', 'webhook_url', 'webhook_events']],
		['PATCH', '/tasks/:id', ['name', 'description', 'to_number', 'starting_message', 'context_data', 'priority', 'scheduled_at', 'webhook_url', 'webhook_events']],
	],
	convo: [
		['POST', '/leads', ['fields', 'source']],
		['PATCH', '/leads/:id/status', ['status']],
		['POST', '/conversations/:id/operator-message', ['content']],
		['POST', '/conversations/bulk', ['ids', 'action']],
		['POST', '/knowledge/crawl', ['url', 'depth']],
		['POST', '/integrations/webhook', ['type', 'url', 'events']],
	],
};

/** Timely AI: every "Request body" field list of the document. */
function timelyFields(): Array<[string, string, string[]]> {
	const text = readFileSync(join(__dirname, '../../fixtures/timely-ai-api.txt'), 'utf8');
	const endpoints: Array<[string, string, string[]]> = [];
	for (const block of text.split(/\n--- /).slice(1)) {
		const [method, path] = block.split(' ---')[0].split(' ');
		const start = block.indexOf('Request body (JSON');
		if (start === -1) continue;
		const fields: string[] = [];
		let inArrayOfObjects = false;
		for (const line of block.slice(start).split('\n').slice(1)) {
			const match = /^ {2}- ([\w.]+): (.*)$/.exec(line);
			if (!match) break;
			// The fields listed after an "array of objects" describe its entries (webhooks[]).
			if (!inArrayOfObjects) fields.push(match[1]);
			if (/array of objects/.test(match[2])) inArrayOfObjects = true;
		}
		endpoints.push([method, path, fields]);
	}
	return endpoints;
}

/** Values the checks accept where the field name and editor type do not say enough. */
const VALUES: Record<string, unknown> = {
	primary_color: '#1a73e8',
	webhooks: '[{"url":"https://example.com/hook","events":["message.received"],"is_active":true}]',
	fields: '{"name":"Anna Nowak"}',
	customer_phone: '+5547999999999',
};

/** What a user must give beyond the required fields for these operations (rules across fields). */
const BASE: Record<string, IDataObject> = {
	'convo lead.create': { fieldsMode: 'json', fieldsJson: '{"name":"Anna Nowak"}' },
	'timely training.create': { additionalFields: { content: 'About us' } },
};

const normalise = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '').replace(/(\{[^}]+\}|:\w+)/g, '{}')}`;

const providers: Array<[string, INodeType, () => ReturnType<typeof convoSuite>, Array<[string, string, string[]]>]> = [
	['convo', new Convo(), convoSuite, TABLE.convo],
	['voxstack', new VoxStack(), voxSuite as unknown as () => ReturnType<typeof convoSuite>, TABLE.voxstack],
	['timely', new TimelyAi(), timelySuite as unknown as () => ReturnType<typeof convoSuite>, timelyFields()],
];

describe.each(providers)('%s: every documented body field is settable', (name, node, makeSuite, documented) => {
	const suite = makeSuite();
	const refs = operationsOf(name, node);
	const cases: Array<[string, OperationRef, string]> = documented.flatMap(([method, path, fields]) => {
		const ref = refs.find((r) => normalise(r.method, r.url) === normalise(method, path));
		return fields.map((field) => [`${method} ${path} ${field}`, ref as OperationRef, field] as [string, OperationRef, string]);
	});

	it('lists the documented bodies', () => {
		expect(cases.length).toBeGreaterThan(name === 'timely' ? 150 : 10);
		expect(cases.filter(([, ref]) => !ref).map(([label]) => label)).toEqual([]);
	});

	it.each(cases)('%s', async (_label, ref, field) => {
		const base = validParameters(node, ref, BASE[ref.label]);
		const send = async (parameters: IDataObject) => {
			suite.sim.reset();
			await suite.control('faults', { kind: 'empty', status: 200, remaining: 10 });
			const { error } = await suite.run(parameters, { items: inputItems(1) });
			expect(error?.message).toBeUndefined();
			return suite.requests().filter((r) => r.method === ref.method && r.body !== undefined).pop()?.body;
		};
		// Required fields are sent from the parameters a user must fill anyway.
		const plain = (await send(base)) as IDataObject | undefined;
		if (plain && field in plain) return;
		const place = editorPlace(node, base, field);
		expect(place).toBeDefined();
		const [parameter, collection] = place!;
		const visible = node.description.properties.filter((p) => shown(node.description.properties, p, base));
		const editor = collection
			? (visible.find((p) => p.name === collection)?.options?.find((o) => 'name' in o && o.name === parameter) as unknown as IDataObject)
			: visible.find((p) => p.name === parameter);
		const value = field in VALUES ? VALUES[field] : sampleFor(editor as IDataObject, field);
		const parameters = (collection ? { ...base, [collection]: { ...(base[collection] as IDataObject), [parameter]: value } } : { ...base, [parameter]: value }) as IDataObject;
		const sent = (await send(parameters)) as IDataObject | undefined;
		expect(sent).toHaveProperty(field);
	});
});

/** A value for an optional editor field that passes its checks. */
function sampleFor(editor: IDataObject, field: string): unknown {
	const type = String(editor?.type);
	if (type === 'options') return (editor.options as Array<{ value: string }>)[0].value;
	if (type === 'multiOptions') return [(editor.options as Array<{ value: string }>)[0].value];
	if (type === 'boolean') return true;
	if (type === 'number') return Number((editor.typeOptions as IDataObject | undefined)?.minValue ?? 1) || 1;
	if (type === 'json') return String(editor.default ?? '').trim().startsWith('[') ? '["Sample"]' : '{"key":"value"}';
	if (type === 'dateTime') return '2026-01-15T10:00:00.000Z';
	if (/email/.test(field)) return 'ana@example.com';
	if (/phone|number/.test(field)) return '+14155550123';
	if (/url/.test(field)) return 'https://example.com/x';
	if (/_id$/.test(field)) return '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e';
	return 'Sample';
}
