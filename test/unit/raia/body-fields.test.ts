// Every request-body property of raia's OpenAPI (a copy in test/fixtures) can be set from the
// node: for each one, the test finds the editor field of that name (top level, Additional
// Fields or Update Fields), sets a value that fits the document's schema, runs the operation
// through n8n's engine and finds the property in the body the simulator received.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { Raia } from '../../../nodes/Raia/Raia.node';
import type { OperationRef } from '../shared/operations';
import { SAMPLE_UUID, editorPlace, inputItems, operationsOf, validParameters } from '../shared/operations';
import { raiaSuite } from './setup';

type Schema = IDataObject & { properties?: Record<string, Schema>; oneOf?: Schema[]; $ref?: string; enum?: unknown[]; type?: string; format?: string; example?: unknown };

const spec = JSON.parse(readFileSync(join(__dirname, '../../fixtures/raia-external-api.openapi.json'), 'utf8'));
const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(schema.$ref.split('/').slice(1).reduce((o: IDataObject, k) => o[k] as IDataObject, spec) as Schema) : schema);

/**
 * Left out on purpose, with the reason. Multipart bodies are not JSON: the Upload operation's
 * own fields (Input Binary Field, Add to Vector Store) send `file` and `autoAddToVectorStore`,
 * checked in operations.test.ts.
 */
const LEFT_OUT: Record<string, string> = {
	'POST /external/agent-files/upload file': 'multipart file part, from the Input Binary Field',
	'POST /external/agent-files/upload autoAddToVectorStore': 'multipart part, from the Add to Vector Store field',
};

/** Values the checks accept for properties whose schema alone does not say enough. */
const VALUES: Record<string, unknown> = {
	files: '[{"fileName":"a.pdf","storagePath":"prompts/1/a.pdf"}]',
	customData: '{"orderId":"77"}',
	headers: '{"Authorization":"Bearer x"}',
	phoneNumber: '+14155550123',
	email: 'ana@example.com',
	url: 'https://crm.example.com/raia',
	avatarUrl: 'https://example.com/a.png',
	backgroundUrl: 'https://example.com/b.png',
	fileIds: 'file-1, file-2',
	tags: 'vip, eu',
	conversationMessageId: SAMPLE_UUID,
	userId: SAMPLE_UUID,
	roleId: SAMPLE_UUID,
};

function valueFor(name: string, schema: Schema): unknown {
	if (name in VALUES) return VALUES[name];
	if (schema.enum) return schema.enum[0];
	if (schema.type === 'boolean') return true;
	if (schema.type === 'number' || schema.type === 'integer') return typeof schema.example === 'number' ? schema.example : 1;
	if (schema.format === 'uuid') return SAMPLE_UUID;
	if (typeof schema.example === 'string') return schema.example;
	return 'Sample text';
}

const node = new Raia();
const refs = operationsOf('raia', node);
const key = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`;

/** Every JSON body property of every documented endpoint the node has, per body variant. */
const cases: Array<[string, OperationRef, IDataObject, string, Schema]> = [];
const documented: string[] = [];
for (const [path, operations] of Object.entries(spec.paths as Record<string, Record<string, IDataObject>>)) {
	for (const [method, op] of Object.entries(operations)) {
		if (!op.requestBody) continue;
		const ref = refs.find((r) => key(r.method, r.url) === key(method, path));
		if (!ref) continue; // not one of the documented endpoints (endpoints.tsv): coverage.test.ts
		const content = (resolve(op.requestBody as Schema).content ?? {}) as Record<string, { schema: Schema }>;
		for (const [type, { schema }] of Object.entries(content)) {
			const body = resolve(schema);
			for (const variant of (body.oneOf ?? [body]).map(resolve)) {
				// A discriminated body (Start: email / sms / voice) is walked per channel.
				const select: IDataObject = variant.properties?.channel?.enum ? { channel: variant.properties.channel.enum[0] as string } : {};
				for (const [property, propertySchema] of Object.entries(variant.properties ?? {})) {
					if (property in select) continue;
					const name = `${method.toUpperCase()} ${path} ${property}${select.channel ? ` (${String(select.channel)})` : ''}`;
					documented.push(name);
					if (type === 'application/json' && !(name in LEFT_OUT)) cases.push([name, ref, select, property, resolve(propertySchema)]);
				}
			}
		}
	}
}

/** Rules across fields the generated parameters do not satisfy by themselves. */
const BASE: Record<string, IDataObject> = {
	'user.create': { additionalFields: { email: 'ana@example.com' } },
	'prompt.sendAsync': { waitForResponse: false },
	'message.sendAsync': { waitForResponse: false },
};

describe('raia › every request-body property of the OpenAPI is settable', () => {
	const raia = raiaSuite(50);

	it('walks every documented JSON body, and leaves out only listed, existing properties', () => {
		expect(new Set(cases.map(([, ref]) => ref.label)).size).toBe(23);
		const unwalked = documented.filter((name) => !cases.some(([label]) => label === name));
		expect(unwalked.sort()).toEqual(Object.keys(LEFT_OUT).sort());
	});

	it.each(cases)('%s', async (_label, ref, select, property, schema) => {
		const base = validParameters(node, ref, { ...select, ...BASE[`${String(ref.base.resource)}.${String(ref.base.operation)}`] });
		const place = editorPlace(node, base, property);
		expect(place).toBeDefined();
		const [name, collection] = place!;
		const value = valueFor(property, schema);
		const parameters = (collection ? { ...base, [collection]: { ...(base[collection] as IDataObject), [name]: value } } : { ...base, [name]: value }) as IDataObject;
		await raia.control('faults', { kind: 'empty', status: 204, remaining: 10 });
		const { error } = await raia.run(parameters, { items: inputItems(1) });
		expect(error?.message).toBeUndefined();
		const sent = raia.requests().filter((r) => r.method === ref.method && r.body !== undefined);
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toHaveProperty(property);
	});
});
