{{/* Release-wide name prefix: "<release>" when it already says voltlane, else "<release>-voltlane". */}}
{{- define "voltlane.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of one service's objects. Call with (dict "root" $ "name" "ocpp-gateway"). */}}
{{- define "voltlane.serviceFullname" -}}
{{- printf "%s-%s" (include "voltlane.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "voltlane.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: voltlane
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one service. Call with (dict "root" $ "name" "ocpp-gateway"). */}}
{{- define "voltlane.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "voltlane.labels" -}}
{{ include "voltlane.commonLabels" .root }}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "voltlane.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "voltlane.secretName" -}}
{{- default (printf "%s-secrets" (include "voltlane.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "voltlane.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "voltlane.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Non-secret environment of one service, as ConfigMap data. The variable names are each service's
env class (apps/<service>/src/config/*.env.ts); tools/deploy-checks renders the chart and checks
them against the classes. Call with (dict "root" $ "name" "ocpi-cpo" "svc" $svc).
*/}}
{{- define "voltlane.serviceEnv" -}}
{{- $p := .root.Values.platform -}}
{{- $env := dict
  "SERVICE" .name
  "PORT" (toString .svc.port)
  "NODE_ENV" $p.nodeEnv
  "LOG_LEVEL" $p.logLevel
  "KAFKA_BROKERS" $p.kafkaBrokers
  "KAFKA_TOPIC_PARTITIONS" (toString $p.kafkaTopicPartitions)
  "SHUTDOWN_TIMEOUT_MS" (toString .svc.shutdownTimeoutMs)
-}}
{{- if .svc.ocpiParty -}}
{{- $_ := set $env "OCPI_COUNTRY_CODE" .root.Values.ocpi.countryCode -}}
{{- $_ := set $env "OCPI_PARTY_ID" .root.Values.ocpi.partyId -}}
{{- end -}}
{{- if .svc.publicUrl -}}
{{- $_ := set $env "OCPI_PUBLIC_URL" .svc.publicUrl -}}
{{- end -}}
{{- range $key, $value := .svc.extraEnv -}}
{{- $_ := set $env $key (toString $value) -}}
{{- end -}}
{{- range $key := keys $env | sortAlpha }}
{{ $key }}: {{ index $env $key | quote }}
{{- end -}}
{{- end -}}

{{- define "voltlane.podSecurity" -}}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
