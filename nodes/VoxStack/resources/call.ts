import type { INodeProperties } from 'n8n-workflow';

import { responseToBinary } from '../../shared/binary';
import { filtersCollection, resourcePicker, returnAllAndLimit } from '../../shared/descriptions';
import { checkedQuery } from '../../shared/validators';
import { operation, operationsOf, pathParameter } from '../../shared/routing';
import { CALL_STATUSES, VOXSTACK_PAGE_SIZE, voxStackSpec } from '../api';
import { watchLiveFields, watchLiveOperation } from '../liveTranscript';

const show = { resource: ['call'] };
const callPath = pathParameter('callId', 'Call');
const onCall = (name: string, value: string, action: string, description: string, method: 'GET' | 'POST', suffix = '') =>
	operation(voxStackSpec, { name, value, action, description, method, url: `/calls/{callId}${suffix}`, preSend: [callPath] });

export const callOperations = operationsOf('call', 'get', [
	onCall('Cancel', 'cancel', 'Cancel a call', 'Cancel an active call (it is marked failed)', 'POST', '/cancel'),
	operation(voxStackSpec, {
		name: 'Download Recording',
		value: 'downloadRecording',
		action: 'Download a call recording',
		description: 'Download the audio of a completed or failed call as binary data',
		method: 'GET',
		url: '/calls/{callId}/recording/stream',
		preSend: [callPath],
		request: { encoding: 'arraybuffer', json: false, headers: { Accept: '*/*' } },
		postReceive: [responseToBinary((context) => `call-${String(context.getNodeParameter('callId', '', { extractValue: true }))}`)],
	}),
	onCall('End', 'end', 'End a call', 'Hang up an active call', 'POST', '/end'),
	onCall('Fetch Transcript', 'fetchTranscript', 'Fetch and process a call transcript', 'Fetch the transcript from the voice provider now, extract data and generate the report', 'POST', '/transcript'),
	onCall('Get', 'get', 'Get a call', 'Get a call with its transcript and report', 'GET'),
	onCall('Get Live Connection', 'getLive', 'Get live transcript connection info', 'Get the WebSocket URL and a 5-minute session token for streaming the live transcript', 'GET', '/live'),
	operation(voxStackSpec, {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many calls',
		description: 'List calls, filtered by task, agent or status',
		method: 'GET',
		url: '/calls',
		paging: { type: 'offset', limitParam: 'limit', offsetParam: 'offset', maxPageSize: VOXSTACK_PAGE_SIZE },
	}),
	onCall('Get Recording URL', 'getRecording', 'Get a call recording URL', 'Get the authenticated proxy URL of the recording', 'GET', '/recording'),
	onCall('Get Report', 'getReport', 'Get a call report', 'Get the call report (generated if it does not exist yet)', 'GET', '/report'),
	onCall('Get Transcript', 'getTranscript', 'Get a call transcript', 'Get the stored transcript of a call', 'GET', '/transcript'),
	watchLiveOperation,
]);

export const callFields: INodeProperties[] = [
	{ ...resourcePicker('callId', 'Call', 'searchCalls'), displayOptions: { show: { ...show, operation: ['cancel', 'downloadRecording', 'end', 'fetchTranscript', 'get', 'getLive', 'getRecording', 'getReport', 'getTranscript', 'watchLive'] } } },
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the recording in',
		displayOptions: { show: { ...show, operation: ['downloadRecording'] } },
	},
	...watchLiveFields,
	...returnAllAndLimit({ ...show, operation: ['getAll'] }, VOXSTACK_PAGE_SIZE),
	filtersCollection({ ...show, operation: ['getAll'] }, [
		{ ...resourcePicker('agentId', 'Agent', 'searchAgents'), required: false, routing: { send: { type: 'query', property: 'agent_id' } } },
		{ ...resourcePicker('taskId', 'Task', 'searchTasks'), required: false, routing: { send: { type: 'query', property: 'task_id' } } },
		{ displayName: 'Status', name: 'status', type: 'options', options: CALL_STATUSES.map((s) => ({ name: s.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()), value: s })), default: 'completed', routing: { send: { type: 'query', property: 'status', preSend: [checkedQuery('status', 'Status', { oneOf: CALL_STATUSES })] } } },
		]),
];
