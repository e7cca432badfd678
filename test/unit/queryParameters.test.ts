// Every documented query parameter (test/fixtures/query-parameters.tsv, extracted from the API
// documents: the Timely AI and VoxStack seeds, Convo's endpoint descriptions and examples, and
// raia's OpenAPI for the endpoints the node covers) can be set from the node's parameters: the
// test finds the operation and a parameter that feeds the query key, sets it, runs the node
// through n8n's engine and looks for the key in the request the simulator recorded.
import type { IDataObject, INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';

import { convoSuite } from './convo/setup';
import type { Target } from './documented';
import { documentedRows, findOperation, requestsTo, sample } from './documented';
import { raiaSuite } from './raia/setup';
import { timelySuite } from './timely/setup';
import { voxSuite } from './voxstack/setup';

type Suite = ReturnType<typeof convoSuite> | ReturnType<typeof raiaSuite> | ReturnType<typeof timelySuite> | ReturnType<typeof voxSuite>;

const rows = documentedRows('query-parameters.tsv');

/** The page-size and position parameters the shared executor sets for Return All / Limit. */
const PAGING = new Set(['page', 'limit', 'pageSize', 'offset']);
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
		const sent = requestsTo(suite.requests(), method, path);
		expect({ error: sent.length ? undefined : error?.message, keys: sent.flatMap((r) => Object.keys(r.query)) }).toEqual({ error: undefined, keys: expect.arrayContaining([key]) });
	});
});
