import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { imagePullPolicy } from './image-pull-policy.js';

const DIGEST = 'sha256:0284f0b136443c05db0691d390e677652053116d2b1ae3753138fcf68fbeac76';

checkCases(imagePullPolicy, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: app
            image: ghcr.io/acme/api:1.4.2@${DIGEST}
            imagePullPolicy: IfNotPresent`,
    {
      name: 'Always with a tag; Never with a digest; in a CronJob with an init container',
      input: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: hello }
        spec:
          schedule: "* * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: preload
                      image: registry:5000/tools@${DIGEST}
                      imagePullPolicy: Never
                  containers:
                    - name: hello
                      image: busybox
                      imagePullPolicy: Always`,
    },
    {
      name: 'IfNotPresent with an image a tool fills in later',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              image: $(IMAGE)
              imagePullPolicy: IfNotPresent`,
    },
  ],
  fail: [
    {
      name: 'not set: points at the container',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: nginx }
        spec:
          template:
            spec:
              containers:
                - name: nginx
                  image: nginx:1.14.2
                  ports:
                    - containerPort: 80`,
      failures: [{ messageId: 'notSet', line: 8 }],
    },
    {
      name: 'IfNotPresent and Never with mutable tags, on a registry with a port',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          initContainers:
            - name: init
              image: registry:5000/app:1.2
              imagePullPolicy: Never
          containers:
            - name: app
              image: registry:5000/app:1.2
              imagePullPolicy: IfNotPresent`,
      failures: [
        { messageId: 'cachedMutableTag', line: 8 },
        { messageId: 'cachedMutableTag', line: 12 },
      ],
    },
    {
      name: 'a misspelt policy, which the API server rejects',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              image: app@${DIGEST}
              imagePullPolicy: always`,
      failures: [{ messageId: 'unknownPolicy', line: 8 }],
    },
    {
      name: 'a container with no image and no policy',
      input: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: { name: broken }
            spec:
              containers:
                - name: app`,
      failures: [{ messageId: 'notSet', line: 9 }],
    },
  ],
});
