"""Seed 001's AddName transformation, as the seed gives it: a Firehose
record-transformation Lambda (the kinesis-firehose-process-record-python
blueprint) that looks up the caller's name by phone number and writes it into
CustomerEndpoint.Name.

Adapted where the seed's Python 2 code cannot run today: the lookup used
`botocore.vendored.requests`, which botocore no longer ships, so it uses
urllib (PHONE_DIRECTORY_URL, GET <url><phone> answers the name; without it a
small table stands in for the seed's API), and base64 works on bytes.
"""
from __future__ import print_function

import base64
import json
import os
import urllib.request

print('Loading function')

DIRECTORY = {"+61401004854": "Jane Citizen", "+61400000001": "Ada Lovelace"}


def lookup(phone):
    endpoint = os.environ.get("PHONE_DIRECTORY_URL")
    if not endpoint:
        return DIRECTORY.get(phone, "Unknown caller")
    with urllib.request.urlopen(endpoint + phone, timeout=5) as response:
        return response.read().decode()


def lambda_handler(event, context):
    output = []

    for record in event['records']:
        payload = base64.b64decode(record['data'])

        # Do custom processing on the payload here

        jsonPayload = json.loads(payload)
        phoneNo = jsonPayload["CustomerEndpoint"]["Address"]

        jsonPayload["CustomerEndpoint"]["Name"] = lookup(phoneNo)
        stringPayload = json.dumps(jsonPayload)

        print(stringPayload)

        output_record = {
            'recordId': record['recordId'],
            'result': 'Ok',
            'data': base64.b64encode(stringPayload.encode()).decode()
        }
        output.append(output_record)

    print('Successfully processed {} records.'.format(len(event['records'])))

    return {'records': output}
