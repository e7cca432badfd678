// Shared by the tests that walk the API documents' tables (test/fixtures/*.tsv): find the
// operation that sends a documented request, and values its fields accept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';

import type { SimRequest } from '../harness/suite';

export const ID = '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e';

/** Rows of a tab-separated fixture, without its header line. */
export function documentedRows(file: string): string[][] {
	return readFileSync(join(__dirname, '../fixtures', file), 'utf8')
		.split('\n')
		.slice(1)
		.filter(Boolean)
		.map((line) => line.split('\t'));
}

export const normalise = (path: string) => path.replace(/^\/api\/v1/, '').replace(/(\{[^}]+\}|:\w+)/g, '{}');

export interface Target {
	parameters: IDataObject;
	properties: INodeProperties[];
}

/** The operation whose request is the documented method and path, with the parameters that select it. */
export function findOperation(node: INodeType, method: string, path: string): Target | undefined {
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
export function sample(property: INodeProperties, key: string): unknown {
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
		case 'json':
			return property.default;
		default:
			if (/email/i.test(key)) return 'anna@example.com';
			if (/url/i.test(key)) return 'https://example.com/hook';
			return ID;
	}
}

/** The requests the simulator recorded for a documented method and path. */
export function requestsTo(requests: SimRequest[], method: string, path: string): SimRequest[] {
	const pattern = new RegExp(`^${path.replace(/(\{[^}]+\}|:\w+)/g, '[^/]+')}$`);
	return requests.filter((r) => r.method === method && pattern.test(r.path));
}
