"""Every operation of the Kinesis model is routed: none answers
UnknownOperationException. The list comes from the model kinesisd embeds
(src/protocol/model/), so an operation added to the model cannot be forgotten
here. Each call goes through boto3 with client-side validation off and no
parameters: operations that need parameters answer with a validation error
from kinesisd, which proves they were recognised."""
import json
import pathlib
import unittest

from botocore import xform_name
from botocore.config import Config

import harness

MODEL = pathlib.Path(__file__).resolve().parents[2] / "src/protocol/model/kinesis-2013-12-02.json"


class EveryOperation(unittest.TestCase):
    def test_no_operation_is_unknown(self):
        operations = sorted(json.loads(MODEL.read_text())["operations"])
        self.assertEqual(len(operations), 45)
        with harness.Server() as server:
            k = harness.boto3_client(server, config=Config(parameter_validation=False))
            answers = {}
            for op in operations:
                try:
                    getattr(k, xform_name(op))()
                    answers[op] = "ok"
                except k.exceptions.ClientError as e:
                    answers[op] = e.response["Error"]["Code"]
            unknown = [op for op, code in answers.items() if code == "UnknownOperationException"]
            self.assertEqual(unknown, [], answers)
            # The operations that take no required input succeed outright.
            for op in ("ListStreams", "DescribeLimits", "DescribeAccountSettings"):
                self.assertEqual(answers[op], "ok", op)
            # The rest were refused for their missing members, by the model's rules.
            for op, code in answers.items():
                self.assertIn(code, ("ok", "ValidationException", "InvalidArgumentException",
                                     "SerializationException"), op)


if __name__ == "__main__":
    unittest.main()
