import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { operation, operationsOf, pathParameter } from '../../shared/routing';
import { CONVO_PAGE_SIZE, convoSpec } from '../api';
import { agentLocator } from './locators';

const show = { resource: ['agent'] };

export const agentOperations = operationsOf('agent', 'getAll', [
	operation(convoSpec, {
		name: 'Get',
		value: 'get',
		action: 'Get an agent',
		description: 'Get an agent with its system prompt and model configuration',
		method: 'GET',
		url: '/agents/{agentId}',
		preSend: [pathParameter('agentId', 'Agent')],
	}),
	operation(convoSpec, {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many agents',
		description: 'List the workspace agents and their publish status',
		method: 'GET',
		url: '/agents',
		paging: { type: 'single' },
	}),
]);

export const agentFields: INodeProperties[] = [
	{ ...agentLocator, displayOptions: { show: { ...show, operation: ['get'] } } },
	...returnAllAndLimit({ ...show, operation: ['getAll'] }, CONVO_PAGE_SIZE),
];
