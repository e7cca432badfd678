// Walks a node's description: every operation it offers, and a set of parameters that passes
// its checks before sending, built from the fields the editor would show for that operation.
// Used by the tests that must cover every operation of every node (not a second harness: the
// runs still go through test/harness).
import type { IDataObject, INodeExecutionData, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { Convo } from '../../../nodes/Convo/Convo.node';
import { Raia } from '../../../nodes/Raia/Raia.node';
import { TimelyAi } from '../../../nodes/TimelyAi/TimelyAi.node';
import { Velents } from '../../../nodes/Velents/Velents.node';
import { VoxStack } from '../../../nodes/VoxStack/VoxStack.node';
import { convoSuite } from '../convo/setup';
import { raiaSuite } from '../raia/setup';
import { timelySuite } from '../timely/setup';
import { velentsSuite } from '../velents/setup';
import { voxSuite } from '../voxstack/setup';

/**
 * The five action nodes, each with the factory of its simulator suite (call it inside a describe
 * block); `S` is the part of the suite a test uses.
 */
export function actionNodes<S>(): Array<[string, INodeType, () => S]> {
	return [
		['convo', new Convo(), convoSuite as unknown as () => S],
		['velents', new Velents(), velentsSuite as unknown as () => S],
		['voxstack', new VoxStack(), voxSuite as unknown as () => S],
		['timely', new TimelyAi(), timelySuite as unknown as () => S],
		['raia', new Raia(), (() => raiaSuite(50)) as unknown as () => S],
	];
}

export interface OperationRef {
	/** e.g. `raia organizationAgent.create` */
	label: string;
	/** The parameters that select the operation (key type, resource, operation). */
	base: IDataObject;
	method: string;
	url: string;
}

type Show = Record<string, unknown[]>;

function valueOf(properties: INodeProperties[], params: IDataObject, name: string): unknown {
	if (name in params) return params[name];
	const property = properties.find((p) => p.name === name && shown(properties, p, params));
	return property?.default;
}

/** Whether the editor shows `property` for these parameters (plain show/hide lists only). */
export function shown(properties: INodeProperties[], property: INodeProperties, params: IDataObject): boolean {
	const { show, hide } = (property.displayOptions ?? {}) as { show?: Show; hide?: Show };
	for (const [key, values] of Object.entries(show ?? {})) {
		if (key.startsWith('@')) continue;
		if (!values.includes(valueOf(properties, params, key) as never)) return false;
	}
	for (const [key, values] of Object.entries(hide ?? {})) {
		if (key.startsWith('@')) continue;
		if (values.includes(valueOf(properties, params, key) as never)) return false;
	}
	return true;
}

/** Every operation of a node, with the parameters that select it. */
export function operationsOf(prefix: string, node: INodeType): OperationRef[] {
	const refs: OperationRef[] = [];
	for (const selector of node.description.properties.filter((p) => p.name === 'operation')) {
		const show = (selector.displayOptions?.show ?? {}) as Show;
		const base: IDataObject = Object.fromEntries(Object.entries(show).map(([key, values]) => [key, values[0] as string]));
		for (const option of selector.options as INodePropertyOptions[]) {
			const request = (option.routing?.request ?? {}) as { method?: string; url?: string };
			refs.push({ label: `${prefix} ${String(base.resource)}.${String(option.value)}`, base: { ...base, operation: option.value }, method: String(request.method), url: String(request.url) });
		}
	}
	return refs;
}

export const SAMPLE_UUID = '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e';

/** A value that passes the checks for a field, guessed from its name and type. */
export function sampleString(name: string): string {
	const key = name.toLowerCase();
	if (key.includes('email')) return 'ana@example.com';
	if (/phone|number$/.test(key)) return '+14155550123';
	if (/url|link|webhook/.test(key)) return 'https://hooks.example.com/n8n';
	if (/date|_at$/.test(key) || /[a-z]At$/.test(name)) return '2026-01-15T10:00:00.000Z';
	if (key.includes('binaryproperty')) return 'data';
	if (key.endsWith('ids')) return SAMPLE_UUID;
	if (key.endsWith('id')) return SAMPLE_UUID;
	return 'Sample text';
}

function sample(property: INodeProperties): IDataObject[string] {
	switch (property.type) {
		case 'resourceLocator':
			return { __rl: true, mode: 'id', value: sampleString(property.name) };
		case 'options':
			return property.default !== '' ? (property.default as string) : (property.options as INodePropertyOptions[])[0]?.value;
		case 'multiOptions':
			return [(property.options as INodePropertyOptions[])[0]?.value];
		case 'number':
			return (property.default as number) || (property.typeOptions?.minValue as number | undefined) || 1;
		case 'json':
			return (property.default as string) || '{}';
		case 'string':
			return property.default !== '' ? (property.default as string) : sampleString(property.name);
		default:
			return property.default as IDataObject[string];
	}
}

/**
 * Parameters that select the operation and fill every required field the editor shows for it,
 * so the request is sent. `extra` wins over the guesses.
 */
export function validParameters(node: INodeType, ref: OperationRef, extra: IDataObject = {}): IDataObject {
	const { properties } = node.description;
	const params: IDataObject = { ...ref.base, ...extra };
	// Twice: a filled field can show further ones.
	for (let pass = 0; pass < 2; pass++) {
		for (const property of properties) {
			if (property.name in params || property.type === 'notice') continue;
			if (!shown(properties, property, params)) continue;
			// Fields shown by another field's value are checked when run, and say so ("Required when …").
			if (property.required || /\bRequired when\b/.test(property.description ?? '')) params[property.name] = sample(property);
			// An update must change something: the first field of Update Fields.
			if (property.name === 'updateFields' && property.type === 'collection') {
				const first = (property.options as INodeProperties[]).find((o) => o.type !== 'json' && o.type !== 'boolean') ?? (property.options as INodeProperties[])[0];
				params.updateFields = { [first.name]: sample(first) };
			}
		}
	}
	return params;
}

/** Where the editor lets you set body property `property`: [parameter, collection?] (same name). */
export function editorPlace(node: INodeType, params: IDataObject, property: string): [string, string?] | undefined {
	const { properties } = node.description;
	const visible = properties.filter((p) => shown(properties, p, params));
	if (visible.some((p) => p.name === property && p.type !== 'collection')) return [property];
	for (const collection of visible.filter((p) => p.type === 'collection')) {
		if ((collection.options as INodeProperties[]).some((o) => o.name === property)) return [property, collection.name];
	}
	return undefined;
}

/** A small text file on every input item, for the upload operations. */
export function inputItems(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, index) => ({
		json: { index },
		binary: { data: { data: Buffer.from(`hello ${index}`).toString('base64'), mimeType: 'text/plain', fileName: 'handbook.txt' } },
	}));
}
