// Package schematest checks JSON against the project's JSON Schemas, for
// tests. It is a package of its own so that the validator (and its
// start-up work: 18 ms of package initialisation) is linked into test
// binaries only, never into triangulate.
package schematest

import (
	"bytes"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ValidateJSON checks doc, the JSON of one dossier, against the JSON Schema
// in the file schemaPath (normally spec/dossier.schema.json at the module
// root). It returns nil when doc is valid, and otherwise an error that lists
// every violation with its location in doc (the jsonschema
// *ValidationError, wrapped). It compiles the schema on every call, which
// takes milliseconds: it is meant for tests, in this package and others,
// not for a hot path.
//
// Tests in other packages reach the schema from their own directory, e.g.
// schematest.ValidateJSON("../../spec/dossier.schema.json", out).
func ValidateJSON(schemaPath string, doc []byte) error {
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(schemaPath)
	if err != nil {
		return fmt.Errorf("schematest: compile schema %s: %w", schemaPath, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("schematest: parse dossier json: %w", err)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("schematest: dossier does not match %s: %w", schemaPath, err)
	}
	return nil
}
