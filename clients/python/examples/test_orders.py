"""What a test with the kinesisd fixture looks like: a session-wide kinesisd
(--streams orders:2 from pytest.ini), reset before each test."""


def read_all(kinesis, stream):
    records = []
    for shard in kinesis.list_shards(StreamName=stream)["Shards"]:
        it = kinesis.get_shard_iterator(StreamName=stream, ShardId=shard["ShardId"],
                                        ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        records += kinesis.get_records(ShardIterator=it)["Records"]
    return records


def test_put_and_read_back(kinesisd):
    kinesis = kinesisd.client("kinesis")
    for i in range(10):
        kinesis.put_record(StreamName="orders", Data=b'{"order": %d}' % i, PartitionKey=str(i))
    assert kinesisd.wait()["idle"]  # no mapping or delivery stream has anything pending
    assert len(read_all(kinesis, "orders")) == 10


def test_each_test_starts_from_a_fresh_kinesisd(kinesisd):
    kinesis = kinesisd.client("kinesis")
    assert kinesis.list_streams()["StreamNames"] == ["orders"]
    assert read_all(kinesis, "orders") == []  # the previous test's records are gone

