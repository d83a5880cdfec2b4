"""Seed 001's AddName enrichment, as a Lambda function on a Kinesis stream.

Each record is an Amazon Connect contact trace record. The handler looks up
the caller's name by phone number (CustomerEndpoint.Address), writes it into
CustomerEndpoint.Name and puts the enriched record on the output stream
(OUTPUT_STREAM, default "ctr-enriched"), partitioned by ContactId like the
source. The seed called an HTTP API for the lookup; set PHONE_DIRECTORY_URL to
do the same (GET <url><phone> answers the name), otherwise the table below is
used.

It runs unmodified on AWS Lambda; under kinesisd the AWS SDK finds the
emulator through AWS_ENDPOINT_URL_KINESIS, which kinesisd sets.
"""
import base64
import json
import os
import urllib.request

import boto3

DIRECTORY = {
    "+61401004854": "Jane Citizen",
    "+61400000001": "Ada Lovelace",
    "+61400000002": "Alan Turing",
}

kinesis = boto3.client("kinesis")


def lookup(phone):
    url = os.environ.get("PHONE_DIRECTORY_URL")
    if url:
        with urllib.request.urlopen(url + phone, timeout=5) as response:
            return response.read().decode()
    return DIRECTORY.get(phone, "Unknown caller")


def handler(event, context):
    output = []
    for record in event["Records"]:
        ctr = json.loads(base64.b64decode(record["kinesis"]["data"]))
        endpoint = ctr.get("CustomerEndpoint") or {}
        endpoint["Name"] = lookup(endpoint.get("Address", ""))
        ctr["CustomerEndpoint"] = endpoint
        output.append({"Data": json.dumps(ctr).encode(), "PartitionKey": ctr["ContactId"]})
    stream = os.environ.get("OUTPUT_STREAM", "ctr-enriched")
    response = kinesis.put_records(StreamName=stream, Records=output)
    if response["FailedRecordCount"]:
        raise RuntimeError(f"{response['FailedRecordCount']} records were not written to {stream}")
    print(f"Successfully processed {len(output)} records.")
