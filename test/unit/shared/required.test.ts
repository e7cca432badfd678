// A required field must not depend on another field's value: when the controlling field is an
// expression or $fromAI (tool mode), n8n shows every dependent field and refuses to publish
// while any of them is required and empty. Only fields that cannot be expressions
// (noDataExpression: resource, operation, authentication…) may gate a required field; the rest
// are checked at run time instead.
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { Convo } from '../../../nodes/Convo/Convo.node';
import { ConvoTrigger } from '../../../nodes/Convo/ConvoTrigger.node';
import { Raia } from '../../../nodes/Raia/Raia.node';
import { RaiaTrigger } from '../../../nodes/Raia/RaiaTrigger.node';
import { TimelyAi } from '../../../nodes/TimelyAi/TimelyAi.node';
import { TimelyAiTrigger } from '../../../nodes/TimelyAi/TimelyAiTrigger.node';
import { Velents } from '../../../nodes/Velents/Velents.node';
import { VelentsTrigger } from '../../../nodes/Velents/VelentsTrigger.node';
import { VoxStack } from '../../../nodes/VoxStack/VoxStack.node';
import { VoxStackTrigger } from '../../../nodes/VoxStack/VoxStackTrigger.node';

const nodes: INodeType[] = [new Convo(), new ConvoTrigger(), new Velents(), new VelentsTrigger(), new VoxStack(), new VoxStackTrigger(), new TimelyAi(), new TimelyAiTrigger(), new Raia(), new RaiaTrigger()];

/** Every property, with those nested in collections, and the top-level properties beside it. */
function* walk(properties: INodeProperties[], path: string): Generator<[INodeProperties, string, INodeProperties[]]> {
	for (const property of properties) {
		yield [property, `${path}${property.name}`, properties];
		for (const option of property.options ?? []) {
			if ('values' in option && Array.isArray(option.values)) yield* walk(option.values, `${path}${property.name}.${option.name}.`);
			else if ('displayName' in option && 'type' in option) yield* walk([option as INodeProperties], `${path}${property.name}.`);
		}
	}
}

describe('required fields', () => {
	it.each(nodes.map((n) => [n.description.name, n] as const))('%s: no required field depends on another field that can be an expression', (_, node) => {
		const top = node.description.properties;
		const fixed = new Set(top.filter((p) => p.noDataExpression).map((p) => p.name));
		const offending: string[] = [];
		for (const [property, path] of walk(top, '')) {
			if (!property.required) continue;
			const conditions = { ...property.displayOptions?.show, ...property.displayOptions?.hide };
			const gates = Object.keys(conditions).filter((key) => !key.startsWith('@') && !fixed.has(key.replace(/^\//, '')));
			if (gates.length) offending.push(`${path} (shown by ${gates.join(', ')})`);
		}
		expect(offending).toEqual([]);
	});
});
