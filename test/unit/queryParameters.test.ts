// Every documented query parameter (test/fixtures/query-parameters.tsv, extracted from the API
// documents: the Timely AI and VoxStack seeds, Convo's endpoint descriptions and examples, and
// raia's OpenAPI for the endpoints the node covers) can be set from the node's parameters: the
// test finds the operation and a parameter that feeds the query key, sets it, runs the node
// through n8n's engine and looks for the key in the request the simulator recorded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';

import { convoSuite } from './convo/setup';
import { raiaSuite } from './raia/setup';
import { timelySuite } from './timely/setup';
import { voxSuite } from './voxstack/setup';

type Suite = ReturnType<typeof convoSuite> | ReturnType<typeof raiaSuite> | ReturnType<typeof timelySuite> | ReturnType<typeof voxSuite>;

const rows = readFileSync(join(__dirname, '../fixtures/query-parameters.tsv'), 'utf8')
	.split('\n')
	.slice(1)
	.filter(Boolean)
	.map((line) => line.split('\t'));

/** The page-size and position parameters the shared executor sets for Return All / Limit. */
const PAGING = new Set(['page', 'limit', 'pageSize', 'offset']);
const ID = '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e';

const normalise = (path: string) => path.replace(/^\/api\/v1/, '').replace(/(\{[^}]+\}|:\w+)/g, '{}');

interface Target {
	parameters: IDataObject;
	properties: INodeProperties[];
}

/** The operation whose request is the documented method and path, with the parameters that select it. */
function findOperation(node: INodeType, method: string, path: string): Target | undefined {
	for (const selector of node.description.properties.filter((p) => p.name === 'operation')) {
		for (const option of (selector.options ?? []) as Array<{ value: string; routing?: { request?: { method?: string; url?: string } } }>) {
			const request = option.routing?.request;
			if (request?.method !== method || normalise(String(request.url)) !== normalise(path)) continue;
			const show = (selector.displayOptions?.show ?? {}) as Record<string, unknown[]>;
			const parameters: IDataObject = { operation: option.value };
			for (const [name, values] of Object.entries(show)) parameters[name] = values[0] as string;
			const shown = (p: INodeProperties) =>
				Object.entries((p.displayOptions?.show ?? {}) as Record<string, unknown[]>).every(([name, values]) => name in parameters && values.includes(parameters[name]));
			return { parameters, properties: node.description.properties.filter((p) => p.name !== 'operation' && p.name !== 'resource' && shown(p)) };
		}
	}
	return undefined;
}

/** A value the field accepts. */
function sample(property: INodeProperties, key: string): unknown {
	switch (property.type) {
		case 'options':
			return (property.options as Array<{ value: string }>)[0].value;
		case 'boolean':
			return true;
		case 'number':
			return 1;
		case 'dateTime':
			return '2024-03-20T12:00:00.000Z';
		case 'resourceLocator':
			return { __rl: true, mode: 'id', value: ID };
		default:
			return /email/i.test(key) ? 'anna@example.com' : ID;
	}
}

/** The top-level field or collection option that sends `key` in the query. */
function queryField(target: Target, key: string): [string[], INodeProperties] | undefined {
	const sends = (p: INodeProperties) => {
		const send = p.routing?.send;
		return send ? send.type === 'query' && send.property === key : p.name === key;
	};
	for (const property of target.properties) {
		if (property.type === 'collection') {
			const option = (property.options as INodeProperties[]).find(sends);
			if (option) return [[property.name, option.name], option];
		} else if (property.type === 'fixedCollection') {
			for (const group of property.options as INodePropertyCollection[]) {
				const option = group.values.find(sends);
				if (option) return [[property.name, group.name, option.name], option];
			}
		} else if (sends(property)) {
			return [[property.name], property];
		}
	}
	return undefined;
}

const suites: Record<string, () => Suite> = { convo: convoSuite, raia: () => raiaSuite(), 'timely-ai': timelySuite, voxstack: voxSuite };
const nodes: Record<string, string> = { convo: 'Convo', raia: 'Raia', 'timely-ai': 'TimelyAi', voxstack: 'VoxStack' };

describe.each(Object.keys(suites))('%s: every documented query parameter is reachable', (provider) => {
	const suite = suites[provider]();
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const node = new (require(`../../nodes/${nodes[provider]}/${nodes[provider]}.node`)[nodes[provider]])() as INodeType;
	const documented = rows.filter(([p]) => p === provider);

	it('has documented parameters to check', () => expect(documented.length).toBeGreaterThan(0));

	it.each(documented.map(([, method, path, key]) => [`${method} ${path} ?${key}`, method, path, key]))('%s', async (_name, method, path, key) => {
		const target = findOperation(node, method, path);
		expect(target).toBeDefined();
		const parameters: IDataObject = { ...target!.parameters };
		if (target!.properties.some((p) => p.name === 'returnAll')) Object.assign(parameters, { returnAll: false, limit: 2 });
		if (!PAGING.has(key)) {
			const found = queryField(target!, key);
			if (!found) throw new Error(`no parameter of ${String(parameters.operation)} sends ?${key}`);
			const [where, property] = found;
			let holder = parameters;
			for (const step of where.slice(0, -1)) holder = (holder[step] ??= {}) as IDataObject;
			holder[where.at(-1)!] = sample(property, key) as IDataObject[string];
		}
		// Required fields of the operation (path IDs) get a well-formed value.
		for (const property of target!.properties.filter((p) => p.required && !(p.name in parameters))) parameters[property.name] = sample(property, property.name) as IDataObject[string];
		const { error } = await suite.run(parameters);
		const pattern = new RegExp(`^${path.replace(/(\{[^}]+\}|:\w+)/g, '[^/]+')}$`);
		const sent = suite.requests().filter((r) => r.method === method && pattern.test(r.path));
		expect({ error: sent.length ? undefined : error?.message, keys: sent.flatMap((r) => Object.keys(r.query)) }).toEqual({ error: undefined, keys: expect.arrayContaining([key]) });
	});
});
