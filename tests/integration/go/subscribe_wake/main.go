// subscribe_wake drives SubscribeToShard with the AWS SDK for Go v2 (Debian's
// golang-github-aws-aws-sdk-go-v2-dev) over TLS and HTTP/2, and reports how
// long a subscription takes to learn it has ended: after a takeover by a
// second subscription (ResourceInUseException), after its consumer is
// deregistered (ResourceNotFoundException), and after its stream is deleted.
//
//	subscribe_wake ENDPOINT CA_FILE STREAM
//
// Prints one JSON object of milliseconds; tests/integration/fidelity_test.py
// runs it.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

func must(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
		os.Exit(1)
	}
}

func client(endpoint, caFile string) *kinesis.Client {
	pem, err := os.ReadFile(caFile)
	must(err, "reading the certificate")
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	transport := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}
	return kinesis.New(kinesis.Options{
		Region:           "us-east-1",
		Credentials:      aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("AKIDGO", "secret", "")),
		EndpointResolver: kinesis.EndpointResolverFromURL(endpoint),
		HTTPClient:       &http.Client{Transport: transport},
		RetryMaxAttempts: 1,
	})
}

// subscribe opens a subscription and returns a channel that receives the
// error that ended it (nil when it ended without one).
func subscribe(ctx context.Context, k *kinesis.Client, consumer string) <-chan error {
	out, err := k.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{
		ConsumerARN:      aws.String(consumer),
		ShardId:          aws.String("shardId-000000000000"),
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest},
	})
	must(err, "SubscribeToShard")
	done := make(chan error, 1)
	stream := out.GetStream()
	go func() {
		for range stream.Events() {
		}
		done <- stream.Err()
	}()
	return done
}

func register(ctx context.Context, k *kinesis.Client, arn, name string) string {
	r, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(arn), ConsumerName: aws.String(name)})
	must(err, "RegisterStreamConsumer")
	for {
		d, err := k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: r.Consumer.ConsumerARN})
		must(err, "DescribeStreamConsumer")
		if d.ConsumerDescription.ConsumerStatus == types.ConsumerStatusActive {
			return *r.Consumer.ConsumerARN
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func waitEnd(done <-chan error, want string) float64 {
	start := time.Now()
	select {
	case err := <-done:
		var apiErr interface{ ErrorCode() string }
		code := ""
		if errors.As(err, &apiErr) {
			code = apiErr.ErrorCode()
		}
		if code != want {
			fmt.Fprintf(os.Stderr, "subscription ended with %v, want %s\n", err, want)
			os.Exit(1)
		}
	case <-time.After(20 * time.Second):
		fmt.Fprintf(os.Stderr, "the subscription did not end within 20 s (want %s)\n", want)
		os.Exit(1)
	}
	return float64(time.Since(start).Microseconds()) / 1000
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: subscribe_wake ENDPOINT CA_FILE STREAM")
		os.Exit(2)
	}
	ctx := context.Background()
	k := client(os.Args[1], os.Args[2])
	name := os.Args[3]
	_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(1)})
	must(err, "CreateStream")
	var arn string
	for {
		d, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(name)})
		must(err, "DescribeStreamSummary")
		if d.StreamDescriptionSummary.StreamStatus == types.StreamStatusActive {
			arn = *d.StreamDescriptionSummary.StreamARN
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	results := map[string]float64{}

	// A takeover: a second subscription for the same consumer and shard,
	// allowed 5 s after the first started.
	consumer := register(ctx, k, arn, "first")
	first := subscribe(ctx, k, consumer)
	time.Sleep(5100 * time.Millisecond)
	second := subscribe(ctx, k, consumer)
	results["takeover_ms"] = waitEnd(first, "ResourceInUseException")

	// A deregistration ends the second.
	_, err = k.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(consumer)})
	must(err, "DeregisterStreamConsumer")
	results["deregistration_ms"] = waitEnd(second, "ResourceNotFoundException")

	// A stream deletion ends a subscription of another consumer.
	third := subscribe(ctx, k, register(ctx, k, arn, "third"))
	_, err = k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String(name), EnforceConsumerDeletion: aws.Bool(true)})
	must(err, "DeleteStream")
	results["deletion_ms"] = waitEnd(third, "ResourceNotFoundException")

	text, _ := json.Marshal(results)
	fmt.Println(string(text))
}
